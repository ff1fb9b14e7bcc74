using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>Keeps shared states in memory: fast, lost with the program (tests, and states nobody needs after a restart).</summary>
public sealed class InMemorySharedStateStore : ISharedStateStore
{
    private readonly ConcurrentDictionary<(string StateName, string Key), SharedStateRecord> _records = new();

    /// <inheritdoc />
    public ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_records.TryGetValue((stateName, key), out var record) ? record : null);

    /// <inheritdoc />
    public ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var copy = record with { Data = record.Data.ToArray() };
        var address = (record.StateName, record.Key);
        while (true)
        {
            if (_records.TryGetValue(address, out var stored))
            {
                if (stored.Version != record.Version - 1)
                {
                    throw new SharedStateConflictException(record.StateName, record.Key, record.Version - 1, stored.Version);
                }

                if (_records.TryUpdate(address, copy, stored))
                {
                    return default;
                }
            }
            else if (record.Version != 1)
            {
                throw new SharedStateConflictException(record.StateName, record.Key, record.Version - 1, 0);
            }
            else if (_records.TryAdd(address, copy))
            {
                return default;
            }
        }
    }
}
