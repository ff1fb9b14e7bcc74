using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>One acknowledged version of a state: immutable, so a reader holding it has a consistent snapshot.</summary>
/// <param name="Version">0 for a state never written (then <paramref name="Data"/> is null).</param>
/// <param name="Data">The name-keyed section.</param>
/// <param name="Writer">Who wrote it.</param>
/// <param name="UpdatedAt">When.</param>
/// <param name="ChangedMembers">The members this version changed (every member after a load: nothing is known of the change).</param>
internal sealed record SharedStateVersion(long Version, byte[]? Data, string? Writer, DateTimeOffset? UpdatedAt, string[] ChangedMembers);

/// <summary>What a watch found: the change, and for live watches what it skipped.</summary>
internal sealed record SharedStateFound(SharedStateVersion Change, int SkippedChanges, bool HistoryTruncated);

/// <summary>
/// One state (name and key) on its owner: the update lock that runs updates one at a time, the
/// current version, the bounded history of changes and the signal watchers wait on.
/// </summary>
internal sealed class SharedStateEntry
{
    private readonly object _sync = new();
    private readonly Queue<SharedStateVersion> _history = new();
    private readonly int _historyLimit;
    private TaskCompletionSource _changed = NewSignal();
    private SharedStateVersion _current = new(0, null, null, null, Array.Empty<string>());

    public SharedStateEntry(string stateName, string key, int historyLimit)
    {
        StateName = stateName;
        Key = key;
        _historyLimit = historyLimit;
    }

    public string StateName { get; }

    public string Key { get; }

    /// <summary>Held by the update running on this state (and by the first load).</summary>
    public SemaphoreSlim UpdateLock { get; } = new(1, 1);

    private volatile bool _loaded;

    /// <summary>Set once the stored record has been read (under <see cref="UpdateLock"/>).</summary>
    public bool Loaded
    {
        get => _loaded;
        set => _loaded = value;
    }

    /// <summary>This runtime's lease token of the state, in a store with ownership (under <see cref="UpdateLock"/>).</summary>
    public long? FencingToken { get; set; }

    /// <summary>When this runtime's lease lapses unless renewed (under <see cref="UpdateLock"/>).</summary>
    public DateTimeOffset LeaseExpiresAt { get; set; }

    private Exception? _lostReason;

    private long _leaseRenewAfterTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>When the lease is renewed on the next use: half-way through it (never, in a store without ownership).</summary>
    public DateTimeOffset LeaseRenewAfter
    {
        get => new(Interlocked.Read(ref _leaseRenewAfterTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _leaseRenewAfterTicks, value.UtcTicks);
    }

    public SharedStateVersion Current
    {
        get
        {
            lock (_sync)
            {
                return _current;
            }
        }
    }

    /// <summary>Sets the version read from the store: no history before it (a reload after a takeover forgets the old history).</summary>
    public void SetLoaded(SharedStateVersion version)
    {
        lock (_sync)
        {
            _current = version;
            _history.Clear();
            _lostReason = null;
        }
    }

    /// <summary>
    /// This runtime lost the state (another owner took it over): forgets the history and fails
    /// every watcher, waiting now or until the state is loaded again, with <paramref name="reason"/>.
    /// </summary>
    public void Lose(Exception reason)
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            _lostReason = reason;
            _history.Clear();
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetException(reason);
    }

    /// <summary>Publishes an acknowledged version: current, in the history, and wakes the watchers.</summary>
    public void Publish(SharedStateVersion version)
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            _current = version;
            _history.Enqueue(version);
            while (_history.Count > _historyLimit)
            {
                _history.Dequeue();
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// The matching change after <paramref name="after"/>, or null with the signal to wait on and
    /// the version up to which every change was seen and did not match.
    /// </summary>
    public SharedStateFound? Find(ref long after, SharedStateWatchMode mode, IReadOnlyList<string>? members, string? skipWriter, out Task changed)
    {
        lock (_sync)
        {
            if (_lostReason is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_lostReason);
            }

            changed = _changed.Task;
            if (_current.Version <= after)
            {
                return null;
            }

            // The history holds the versions from oldest to current without a gap; a watch after
            // a version before (oldest - 1) would miss the versions in between.
            var oldestAfter = _history.Count > 0 ? _history.Peek().Version - 1 : _current.Version;
            var truncated = after < oldestAfter;
            if (truncated && mode == SharedStateWatchMode.Buffered)
            {
                throw new SharedStateHistoryTruncatedException(StateName, Key, after, oldestAfter);
            }

            SharedStateVersion? match = null;
            var matches = 0;
            foreach (var version in _history)
            {
                if (version.Version <= after || !Matches(version, members, skipWriter))
                {
                    continue;
                }

                matches++;
                match = version;
                if (mode == SharedStateWatchMode.Buffered)
                {
                    return new SharedStateFound(version, 0, false);
                }
            }

            if (truncated)
            {
                return new SharedStateFound(_current with { ChangedMembers = AllMembers(_current) }, Math.Max(matches - 1, 0), true);
            }

            if (match is not null)
            {
                return new SharedStateFound(match, matches - 1, false);
            }

            after = _current.Version;
            return null;
        }
    }

    private static bool Matches(SharedStateVersion version, IReadOnlyList<string>? members, string? skipWriter)
    {
        if (skipWriter is not null && string.Equals(version.Writer, skipWriter, StringComparison.Ordinal))
        {
            return false;
        }

        if (members is null || members.Count == 0)
        {
            return true;
        }

        foreach (var member in version.ChangedMembers)
        {
            foreach (var wanted in members)
            {
                if (string.Equals(member, wanted, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string[] AllMembers(SharedStateVersion version) =>
        version.Data is null ? Array.Empty<string>() : SharedStateSections.MemberNames(version.Data);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
