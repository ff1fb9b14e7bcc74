using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
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

    public SharedStateEngine(SharedStateOptions? options, TimeProvider timeProvider, Func<string> owner)
    {
        options ??= new SharedStateOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistoryLimit, 1, nameof(options.HistoryLimit));
        LeaseRules.ValidateDuration(options.LeaseDuration);
        Store = options.Store ?? new InMemorySharedStateStore();
        _historyLimit = options.HistoryLimit;
        _leaseDuration = options.LeaseDuration;
        _timeProvider = timeProvider;
        _owner = owner;
    }

    public ISharedStateStore Store { get; }

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
            catch (SharedStateOwnedException)
            {
                // Taken over: this copy may be stale; the next use asks for the lease (and is refused while the new owner holds it).
                entry.Loaded = false;
                entry.LeaseRenewAfter = DateTimeOffset.MinValue;
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
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ProcessException)
            {
                // It lapses after its duration instead.
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
            catch (SharedStateOwnedException)
            {
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
                entry.LeaseRenewAfter = now + (_leaseDuration / 2);
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

            entry.Loaded = true;
        }
    }
}
