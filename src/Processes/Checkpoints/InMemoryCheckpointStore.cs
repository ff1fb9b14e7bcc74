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
/// The copies live in buffers rented from <see cref="ArrayPool{T}.Shared"/>: a checkpoint that is
/// replaced or deleted without ever having been loaded gives its buffer back, so a process that
/// checkpoints after every step and is deleted at its end allocates no byte arrays once the pool
/// is warm. A loaded checkpoint's bytes stay valid for as long as the caller keeps them.
/// </remarks>
public sealed partial class InMemoryCheckpointStore : ICheckpointStore
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

        // Copies: the caller keeps ownership of its buffer and its tag list (an empty array cannot change, so it needs no copy).
        var info = checkpoint.Info.Tags is string[] { Length: 0 } ? checkpoint.Info : checkpoint.Info with { Tags = checkpoint.Info.Tags.ToArray() };
        if (checkpoint.FencingToken is not { } token)
        {
            Put(info.Id, new StoredCheckpoint(info, checkpoint.Data.Span));
            return default;
        }

        lock (_leaseGate)
        {
            EnsureCurrent(info.Id, token);
            Put(info.Id, new StoredCheckpoint(info, checkpoint.Data.Span));
        }

        return default;
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
            // Removing the exact entry seen means a checkpoint saved meanwhile (perhaps without
            // the tag) is never deleted by mistake.
            if (entry.Value.Info.HasTag(tag) && _checkpoints.TryRemove(entry))
            {
                entry.Value.Retire();
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

    /// <summary>Stores <paramref name="stored"/> for <paramref name="id"/>, retiring the checkpoint it replaces.</summary>
    private void Put(ProcessId id, StoredCheckpoint stored)
    {
        while (true)
        {
            if (_checkpoints.TryGetValue(id, out var previous))
            {
                if (_checkpoints.TryUpdate(id, stored, previous))
                {
                    previous.Retire();
                    return;
                }
            }
            else if (_checkpoints.TryAdd(id, stored))
            {
                return;
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
