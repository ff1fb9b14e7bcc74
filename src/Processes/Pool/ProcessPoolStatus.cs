using System.Collections.Generic;

namespace Processes.Pool;

/// <summary>A snapshot of a <see cref="ProcessPool"/>: its workers and its queue.</summary>
/// <param name="Workers">Every live worker with its slots.</param>
/// <param name="QueuedByPriority">How many launches wait, per priority level, lowest level first.</param>
/// <param name="Closing">True once the pool has begun to close.</param>
/// <param name="RunningOfLimitedTypes">How many instances run now of each type with a <see cref="ConcurrencyAttribute"/> limit, by registered name.</param>
public sealed record ProcessPoolStatus(IReadOnlyList<PoolWorkerStatus> Workers, IReadOnlyList<KeyValuePair<int, int>> QueuedByPriority, bool Closing, IReadOnlyDictionary<string, int> RunningOfLimitedTypes)
{
    /// <summary>How many launches wait in all.</summary>
    public int Queued
    {
        get
        {
            var total = 0;
            foreach (var level in QueuedByPriority)
            {
                total += level.Value;
            }

            return total;
        }
    }

    /// <summary>How many slots are taken in all.</summary>
    public int Running
    {
        get
        {
            var total = 0;
            foreach (var worker in Workers)
            {
                total += worker.Running;
            }

            return total;
        }
    }
}
