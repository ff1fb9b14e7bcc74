using System;
using System.Collections.Concurrent;

namespace Processes.RabbitMQ;

/// <summary>
/// The processes this client submitted (fire and forget) that no status call has found yet: a
/// status asked before a worker takes the message finds neither an owner nor a checkpoint, and is
/// answered "queued" (<see cref="ProcessState.Created"/>) instead of "not found". Bounded: past
/// <see cref="Capacity"/> entries, those older than <see cref="MaxAge"/> are dropped.
/// </summary>
internal sealed class SubmittedProcesses
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<ProcessId, (string Name, DateTimeOffset At)> _queued = new();

    public void Remember(ProcessId id, string name)
    {
        if (_queued.Count >= Capacity)
        {
            var cutoff = DateTimeOffset.UtcNow - MaxAge;
            foreach (var entry in _queued)
            {
                if (entry.Value.At < cutoff)
                {
                    _queued.TryRemove(entry.Key, out _);
                }
            }
        }

        _queued[id] = (name, DateTimeOffset.UtcNow);
    }

    public void Forget(ProcessId id) => _queued.TryRemove(id, out _);

    public bool TryGetQueued(ProcessId id, out ProcessStatus status)
    {
        if (_queued.TryGetValue(id, out var queued))
        {
            status = new ProcessStatus
            {
                Id = id,
                Name = queued.Name,
                State = ProcessState.Created,
                Paused = false,
                StatusMessage = "queued on the broker: no worker has taken it yet",
                CreatedAt = queued.At,
            };
            return true;
        }

        status = null!;
        return false;
    }
}
