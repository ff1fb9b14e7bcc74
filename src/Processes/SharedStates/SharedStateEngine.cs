using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Checkpoints;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// The owner of a runtime's shared states, by name and key, as bytes: loads each state once,
/// runs updates one at a time per state and saves each to the store before it is acknowledged,
/// keeps the change history and answers watches. Typed clients (in process, or the worker for a
/// remote one) sit on top; the engine never needs the state's class.
/// </summary>
internal sealed class SharedStateEngine
{
    private readonly ConcurrentDictionary<(string StateName, string Key), SharedStateEntry> _entries = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _historyLimit;
    private readonly Func<string> _owner;
    private readonly TimeSpan _leaseDuration;
    private readonly ILogger _logger;
    private readonly object _keeperGate = new();
    private CancellationTokenSource? _keeperStop;
    private bool _released;

    public SharedStateEngine(SharedStateOptions? options, TimeProvider timeProvider, Func<string> owner, ILogger logger)
    {
        options ??= new SharedStateOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistoryLimit, 1, nameof(options.HistoryLimit));
        LeaseRules.ValidateDuration(options.LeaseDuration);
        Store = options.Store ?? new InMemorySharedStateStore();
        _historyLimit = options.HistoryLimit;
        _leaseDuration = options.LeaseDuration;
        _timeProvider = timeProvider;
        _owner = owner;
        _logger = logger;
    }

    public ISharedStateStore Store { get; }

    /// <summary>How long an ownership lease of a state lasts without renewal (a server waiting to take a state over waits about this long).</summary>
    public TimeSpan LeaseDuration => _leaseDuration;

    /// <summary>The owner name this runtime's state leases carry.</summary>
    public string Owner => _owner();

    /// <summary>The current version of a state (loaded from the store on first use).</summary>
    public async ValueTask<SharedStateVersion> GetAsync(string stateName, string key, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(stateName, key, cancellationToken).ConfigureAwait(false);
        return entry.Current;
    }

    /// <summary>
    /// Runs <paramref name="update"/> under the state's update lock on its current bytes (null:
    /// never written); when it returns new bytes that differ, saves them as the next version and
    /// publishes the change. Returns the version after the update and the update's own result.
    /// For a state never written, the update also returns the bytes of the initial state (if it
    /// knows the class), so the first change lists only the members it set.
    /// </summary>
    public async ValueTask<(SharedStateVersion Version, TResult Result)> UpdateAsync<TArgument, TResult>(
        string stateName, string key, string writer, TArgument argument, Func<SharedStateVersion, TArgument, (byte[]? Initial, byte[]? Data, TResult Result)> update, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(stateName, key, cancellationToken).ConfigureAwait(false);
        await entry.UpdateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Owned and current when the update runs (the lease may need renewing after a long queue).
            await PrepareLockedAsync(entry, cancellationToken).ConfigureAwait(false);
            var current = entry.Current;
            var (initial, data, result) = update(current, argument);
            var before = current.Data ?? initial;
            if (data is null || (before is not null && data.AsSpan().SequenceEqual(before)))
            {
                return (current, result);
            }

            var changed = SharedStateSections.ChangedMembers(before, before is not null, data);
            var next = new SharedStateVersion(current.Version + 1, data, writer, _timeProvider.GetUtcNow(), changed);

            // Durable before anyone sees it: a failed save leaves the state as it was.
            try
            {
                await Store.SaveAsync(
                    new SharedStateRecord(stateName, key, next.Version, data, writer, next.UpdatedAt!.Value) { FencingToken = entry.FencingToken },
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (SharedStateOwnedException owned)
            {
                // Taken over: this copy may be stale; the next use asks for the lease (and is refused while the new owner holds it).
                Lose(entry, owned);
                throw;
            }

            entry.Publish(next);
            return (next, result);
        }
        finally
        {
            entry.UpdateLock.Release();
        }
    }

    /// <summary>Waits for the change a watch asks for (see <see cref="SharedStateEntry.Find"/>).</summary>
    public async ValueTask<SharedStateFound> WaitAsync(
        string stateName,
        string key,
        long? afterVersion,
        SharedStateWatchMode mode,
        IReadOnlyList<string>? members,
        string? skipWriter,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(stateName, key, cancellationToken).ConfigureAwait(false);
        var after = afterVersion ?? entry.Current.Version;
        var requested = after;
        var start = _timeProvider.GetTimestamp();
        while (true)
        {
            if (entry.Find(ref after, mode, members, skipWriter, out var changed) is { } found)
            {
                return found;
            }

            if (timeout is not { } limit)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var left = limit - _timeProvider.GetElapsedTime(start);
            try
            {
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException();
                }

                await changed.WaitAsync(left, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new SharedStateWatchTimeoutException(stateName, key, requested, limit);
            }
        }
    }

    /// <summary>
    /// Gives back the ownership of every state this runtime owns (a stopping runtime), so another
    /// runtime may take them at once; each is loaded and owned again on its next use here.
    /// Best effort: a lease that cannot be given back lapses by itself.
    /// </summary>
    public async ValueTask ReleaseOwnershipAsync()
    {
        lock (_keeperGate)
        {
            _released = true;
            _keeperStop?.Cancel();
        }

        foreach (var entry in _entries.Values)
        {
            if (entry.FencingToken is not { } token)
            {
                continue;
            }

            await entry.UpdateLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (entry.FencingToken == token)
                {
                    entry.Loaded = false;
                    entry.FencingToken = null;
                    entry.LeaseRenewAfter = DateTimeOffset.MinValue;
                    await Store.ReleaseOwnershipAsync(new SharedStateLease(entry.StateName, entry.Key, _owner(), token, DateTimeOffset.MinValue)).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                // Best effort, whatever the store threw (also a store disposed before the runtime): it lapses after its duration instead.
                SharedStateLog.LeaseReleaseFailed(_logger, exception, entry.StateName, entry.Key);
            }
            finally
            {
                entry.UpdateLock.Release();
            }
        }
    }

    private async ValueTask<SharedStateEntry> GetEntryAsync(string stateName, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(key);
        var entry = _entries.GetOrAdd((stateName, key), static (address, limit) => new SharedStateEntry(address.StateName, address.Key, limit), _historyLimit);
        if (entry.Loaded && entry.LeaseRenewAfter > _timeProvider.GetUtcNow())
        {
            return entry;
        }

        await entry.UpdateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PrepareLockedAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.UpdateLock.Release();
        }

        return entry;
    }

    /// <summary>
    /// Under the entry's update lock: makes sure this runtime owns the state (in a store with
    /// ownership: acquires or renews its lease once half of it has passed; a new token means the
    /// state may have been written by another owner meanwhile, so it is read again), then loads
    /// it when it is not loaded.
    /// </summary>
    private async ValueTask PrepareLockedAsync(SharedStateEntry entry, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (!entry.Loaded || entry.LeaseRenewAfter <= now)
        {
            SharedStateLease? lease;
            try
            {
                lease = await Store.AcquireOwnershipAsync(entry.StateName, entry.Key, _owner(), _leaseDuration, cancellationToken).ConfigureAwait(false);
            }
            catch (SharedStateOwnedException owned)
            {
                if (entry.FencingToken is not null)
                {
                    Lose(entry, owned);
                }

                entry.Loaded = false;
                throw;
            }

            if (lease is null)
            {
                entry.LeaseRenewAfter = DateTimeOffset.MaxValue;
            }
            else
            {
                if (entry.FencingToken != lease.FencingToken)
                {
                    entry.Loaded = false;
                }

                entry.FencingToken = lease.FencingToken;
                entry.LeaseExpiresAt = lease.ExpiresAt;
                entry.LeaseRenewAfter = now + (_leaseDuration / 2);
                EnsureLeaseKeeper();
            }
        }

        if (!entry.Loaded)
        {
            var record = await Store.LoadAsync(entry.StateName, entry.Key, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                var data = record.Data.ToArray();
                SharedStateSections.Validate(data);
                entry.SetLoaded(new SharedStateVersion(record.Version, data, record.Writer, record.UpdatedAt, SharedStateSections.MemberNames(data)));
            }
            else
            {
                // Never written (also after a lost state whose owner never saved it): version 0, watchable again.
                entry.SetLoaded(new SharedStateVersion(0, null, null, null, Array.Empty<string>()));
            }

            entry.Loaded = true;
        }
    }

    /// <summary>
    /// Starts the lease keeper once this runtime owns a state: it renews held leases in the
    /// background, so an idle owner keeps its states (and its watchers keep seeing changes).
    /// Not started again after <see cref="ReleaseOwnershipAsync"/>.
    /// </summary>
    private void EnsureLeaseKeeper()
    {
        lock (_keeperGate)
        {
            if (_keeperStop is not null || _released)
            {
                return;
            }

            _keeperStop = new CancellationTokenSource();
            var stop = _keeperStop.Token;
            _ = Task.Run(() => KeepLeasesAsync(stop));
        }
    }

    /// <summary>Renews every held lease a third of the way through it (the process leases' rhythm), until ownership is released.</summary>
    private async Task KeepLeasesAsync(CancellationToken stop)
    {
        var period = TimeSpan.FromTicks(Math.Max(_leaseDuration.Ticks / 3, TimeSpan.TicksPerMillisecond));
        using var timer = new PeriodicTimer(period, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                foreach (var entry in _entries.Values)
                {
                    if (entry.FencingToken is not null)
                    {
                        await RenewLeaseAsync(entry, stop).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Renews this runtime's lease of one state. When the store refuses (another owner holds it),
    /// or the lease lapsed before it could be renewed (the store was unreachable, or the lease was
    /// granted anew, so another owner may have written meanwhile), the state is lost here: see
    /// <see cref="Lose"/>.
    /// </summary>
    private async ValueTask RenewLeaseAsync(SharedStateEntry entry, CancellationToken stop)
    {
        await entry.UpdateLock.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            if (entry.FencingToken is not { } token)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            try
            {
                var lease = await Store.AcquireOwnershipAsync(entry.StateName, entry.Key, _owner(), _leaseDuration, stop).ConfigureAwait(false);
                if (lease is null)
                {
                    return;
                }

                if (lease.FencingToken != token)
                {
                    // It lapsed and was granted again: someone else may have owned it in between.
                    var lost = new SharedStateOwnedException(entry.StateName, entry.Key, owner: null, expiresAt: null);
                    SharedStateLog.Lost(_logger, lost, entry.StateName, entry.Key);
                    Lose(entry, lost);
                    await Store.ReleaseOwnershipAsync(lease, CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                entry.LeaseExpiresAt = lease.ExpiresAt;
                entry.LeaseRenewAfter = now + (_leaseDuration / 2);
            }
            catch (SharedStateOwnedException owned)
            {
                SharedStateLog.Lost(_logger, owned, entry.StateName, entry.Key);
                Lose(entry, owned);
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                // The store is unreachable (or failed): keep trying while the lease lasts; past it, another owner may have the state.
                SharedStateLog.LeaseRenewalFailed(_logger, exception, entry.StateName, entry.Key);
                if (_timeProvider.GetUtcNow() >= entry.LeaseExpiresAt)
                {
                    var lost = new SharedStateOwnedException(entry.StateName, entry.Key, owner: null, expiresAt: null);
                    SharedStateLog.Lost(_logger, lost, entry.StateName, entry.Key);
                    Lose(entry, lost);
                }
            }
        }
        finally
        {
            entry.UpdateLock.Release();
        }
    }

    /// <summary>
    /// Under the entry's update lock: this runtime no longer owns the state. Drops the in-memory
    /// copy (the next use asks for the lease again and reloads) and fails its watchers with
    /// <paramref name="reason"/> rather than leaving them waiting for changes they would never see.
    /// </summary>
    private static void Lose(SharedStateEntry entry, SharedStateOwnedException reason)
    {
        entry.Loaded = false;
        entry.FencingToken = null;
        entry.LeaseRenewAfter = DateTimeOffset.MinValue;
        entry.Lose(reason);
    }
}
