using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// Keeps checkpoints and leases in memory: for tests, short-lived hosts and as the reference
/// behaviour of <see cref="ICheckpointStore"/>. Thread-safe. Saved data and tags are copied, so a
/// caller that reuses its buffer after <see cref="SaveAsync"/> cannot change what is stored.
/// </summary>
/// <remarks>
/// The copies live in buffers rented from <see cref="ArrayPool{T}.Shared"/>. A save of an id whose
/// checkpoint nobody loaded overwrites the stored entry in place (its buffer, its fields), and a
/// deleted one gives its buffer back, so a process that checkpoints after every step and is
/// deleted at its end allocates nothing per save once the pool is warm. A loaded checkpoint's
/// bytes stay valid for as long as the caller keeps them: a later save stores a new entry.
/// </remarks>
public sealed partial class InMemoryCheckpointStore : ICheckpointStore, ISynchronousCheckpointStore
{
    private readonly ConcurrentDictionary<ProcessId, StoredCheckpoint> _checkpoints = new();
    private readonly ConcurrentDictionary<ProcessId, ProcessLease> _leases = new();
    private readonly TimeProvider _timeProvider;
#if NET9_0_OR_GREATER
    private readonly Lock _leaseGate = new();
#else
    private readonly object _leaseGate = new();
#endif
    private long _lastToken;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that lease expiry is measured with; the system clock by default.</param>
    public InMemoryCheckpointStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The number of stored checkpoints.</summary>
    public int Count => _checkpoints.Count;

    /// <inheritdoc />
    public ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointValidation.Validate(checkpoint.Info);
        cancellationToken.ThrowIfCancellationRequested();
        var info = checkpoint.Info;
        SaveCore(info.Id, new CheckpointFields(info.ProcessName, info.State, info.Paused, info.Tags, info.SavedAt, info.ParentId, info.Sequence), checkpoint.Data.Span, checkpoint.FencingToken);
        return default;
    }

    /// <summary>
    /// The runtime's save (see <see cref="ISynchronousCheckpointStore"/>): as <see cref="SaveAsync"/>
    /// with the checkpoint's description given as values, so a process's checkpoint after every step
    /// builds neither a <see cref="CheckpointInfo"/> nor a <see cref="Checkpoint"/> (the entry
    /// overwritten in place builds nothing else either).
    /// </summary>
    void ISynchronousCheckpointStore.Save(ProcessId id, in CheckpointFields fields, ReadOnlySpan<byte> data, long? fencingToken)
    {
        CheckpointValidation.Validate(fields.ProcessName, fields.Tags, fields.State, nameof(fields));
        SaveCore(id, fields, data, fencingToken);
    }

    private void SaveCore(ProcessId id, in CheckpointFields fields, ReadOnlySpan<byte> data, long? fencingToken)
    {
        // The data and the tags are copied: the caller keeps ownership of its buffer and its list.
        if (fencingToken is not { } token)
        {
            Put(id, fields, data);
            return;
        }

        lock (_leaseGate)
        {
            EnsureCurrent(id, token);
            Put(id, fields, data);
        }
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (_checkpoints.TryGetValue(id, out var stored))
        {
            // Null when a save replaced it meanwhile and its buffer went back to the pool: read the newer one.
            if (stored.TryHandOut() is { } checkpoint)
            {
                return new ValueTask<Checkpoint?>(checkpoint);
            }
        }

        return new ValueTask<Checkpoint?>((Checkpoint?)null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(CheckpointQuery? query = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        query ??= CheckpointQuery.All;
        IEnumerable<CheckpointInfo> infos = _checkpoints.Values
            .Select(stored => stored.Info)
            .Where(query.Matches)
            .OrderBy(info => info.SavedAt)
            .ThenBy(info => info.Id.Value);
        if (query.Limit is { } limit)
        {
            infos = infos.Take(limit);
        }

        return new ValueTask<IReadOnlyList<CheckpointInfo>>(infos.ToArray());
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leaseGate)
        {
            _leases.TryRemove(id, out _);
            if (!_checkpoints.TryRemove(id, out var removed))
            {
                return new ValueTask<bool>(false);
            }

            removed.Retire();
            return new ValueTask<bool>(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        cancellationToken.ThrowIfCancellationRequested();
        var deleted = 0;
        foreach (var entry in _checkpoints)
        {
            // Checked and removed under the entry's lock, which a save in place takes too: a
            // checkpoint saved meanwhile (perhaps without the tag) is never deleted by mistake.
            if (entry.Value.RemoveIfTagged(tag, _checkpoints))
            {
                _leases.TryRemove(entry.Key, out _);
                deleted++;
            }
        }

        return new ValueTask<int>(deleted);
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, string owner, TimeSpan duration, ProcessLease? takeOverFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        LeaseRules.ValidateDuration(duration);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        lock (_leaseGate)
        {
            _leases.TryGetValue(id, out var current);
            var granted = LeaseRules.Acquire(id, current, owner, now, duration, ++_lastToken, takeOverFrom);
            _leases[id] = granted;
            return new ValueTask<ProcessLease>(granted);
        }
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseRules.ValidateDuration(duration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leaseGate)
        {
            EnsureCurrent(lease.Id, lease.FencingToken);
            var renewed = lease with { ExpiresAt = _timeProvider.GetUtcNow() + duration };
            _leases[lease.Id] = renewed;
            return new ValueTask<ProcessLease>(renewed);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leaseGate)
        {
            if (_leases.TryGetValue(lease.Id, out var current) && current.FencingToken == lease.FencingToken)
            {
                _leases.TryRemove(lease.Id, out _);
            }
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease?> GetLeaseAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<ProcessLease?>(_leases.TryGetValue(id, out var lease) ? lease : null);
    }

    /// <summary>
    /// Stores a version of <paramref name="id"/>'s checkpoint: into the entry already stored when
    /// nobody loaded it (in place, no allocation), else as a new entry that retires the old one.
    /// </summary>
    private void Put(ProcessId id, in CheckpointFields fields, ReadOnlySpan<byte> data)
    {
        StoredCheckpoint? fresh = null;
        while (true)
        {
            if (_checkpoints.TryGetValue(id, out var previous))
            {
                if (previous.TryOverwrite(fields, data, _checkpoints))
                {
                    fresh?.Retire();
                    return;
                }

                fresh ??= new StoredCheckpoint(id, fields, data);
                if (_checkpoints.TryUpdate(id, fresh, previous))
                {
                    previous.Retire();
                    return;
                }
            }
            else
            {
                fresh ??= new StoredCheckpoint(id, fields, data);
                if (_checkpoints.TryAdd(id, fresh))
                {
                    return;
                }
            }
        }
    }

    // Caller holds _leaseGate.
    private void EnsureCurrent(ProcessId id, long token)
    {
        _leases.TryGetValue(id, out var current);
        LeaseRules.EnsureCurrent(id, current, token);
    }
}
