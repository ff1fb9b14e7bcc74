using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>Children launched by steps: launching, waiting, reading their outputs, killing them.</summary>
internal abstract partial class ProcessExecution
{
    // Insertion-ordered so checkpoints and reloads list children the same way every time.
    private readonly List<ChildRecord> _children = new();
    private readonly List<string> _awaited = new();

    // Created by the first child: most processes launch none. Touched only under _gate.
    private Dictionary<string, ProcessExecution>? _liveChildrenOrNull;
    private Dictionary<string, object>? _childResultsOrNull;

    // Launches per key in the running step: the occurrence part of a derived child id. Touched only under _gate.
    private Dictionary<string, int>? _launchesThisStep;

    // After a reload: children the store has for this process that its checkpoint does not name,
    // i.e. launched by the step that was interrupted. That step reruns and claims them by id;
    // whatever it does not claim is deleted after it. Touched only under _gate.
    private HashSet<ProcessId>? _replayChildren;

    // Whether this process ever launched a child, so a finished run knows to look for them.
    private bool _launchedChildren;

    // The key of children started by ProcessContext.RunAsync, which have no key of their own.
    private const string RunChildKey = "\0run";

    private Dictionary<string, ProcessExecution> LiveChildren => _liveChildrenOrNull ??= new(StringComparer.Ordinal);

    private Dictionary<string, object> ChildResults => _childResultsOrNull ??= new(StringComparer.Ordinal);

    // Children of a collect-errors fan-out that failed: the next step reads them with the results. Touched only under _gate.
    private Dictionary<string, (ProcessStatus Status, Exception? Local)>? _childFailuresOrNull;

    bool IProcessContextHost.TryGetChildFailure(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcessStatus? status, out Exception? localException)
    {
        lock (_gate)
        {
            if (_childFailuresOrNull is not null && _childFailuresOrNull.TryGetValue(key, out var failure))
            {
                (status, localException) = failure;
                return true;
            }
        }

        status = null;
        localException = null;
        return false;
    }

    /// <summary>Records a failed child of a collect-errors fan-out; the caller holds _gate.</summary>
    private void RecordChildFailureLocked(string key, ProcessStatus status, Exception? localException) =>
        (_childFailuresOrNull ??= new(StringComparer.Ordinal))[key] = (status, localException);

    /// <summary>A child's record by key; the caller holds _gate.</summary>
    private ChildRecord? FindChildLocked(string key) => _children.Find(record => record.Key == key);

    /// <summary>Waits until every child launched by the last step has stored its first checkpoint, so the parent's next checkpoint never names a child that cannot be found.</summary>
    protected Task ChildrenPersisted()
    {
        // _awaited changes only on this process's own flow (its steps and the loop), so reading its count here needs no lock.
        if (_awaited.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_awaited.Count == 0)
            {
                return Task.CompletedTask;
            }

            var pending = _awaited.Where(LiveChildren.ContainsKey).Select(key => LiveChildren[key].Persisted).ToArray();
            return Task.WhenAll(pending);
        }
    }

    /// <summary>Read by the process's own flow only, where _awaited changes, hence no lock.</summary>
    protected bool HasAwaitedChildren => _awaited.Count > 0;

    private void RestoreChildren(ProcessSnapshot snapshot)
    {
        _children.AddRange(snapshot.Children);
        _awaited.AddRange(snapshot.AwaitedChildren);
        _launchedChildren = snapshot.Children.Count > 0;
    }

    /// <summary>Hands a reloaded process the children its interrupted step had launched (see <see cref="_replayChildren"/>).</summary>
    public void SetReplayChildren(HashSet<ProcessId> children)
    {
        lock (_gate)
        {
            _replayChildren = children;
            _launchedChildren = true;
        }
    }

    /// <summary>Starts a step's count of launches per key afresh (a cheap no-op for steps that launch nothing).</summary>
    private void ResetLaunchCounts()
    {
        if (_launchesThisStep is { Count: > 0 })
        {
            lock (_gate)
            {
                _launchesThisStep.Clear();
            }
        }
    }

    /// <summary>The next child id under <paramref name="key"/> and whether the interrupted run had launched it already; the caller holds _gate.</summary>
    private (ProcessId Id, bool Existing) NextChildLocked(string key)
    {
        var counts = _launchesThisStep ??= new(StringComparer.Ordinal);
        counts.TryGetValue(key, out var occurrence);
        counts[key] = occurrence + 1;
        _launchedChildren = true;
        var id = ChildIds.Derive(Id, StepSequence, key, occurrence);
        return (id, _replayChildren?.Remove(id) == true);
    }

    ProcessId IProcessContextHost.LaunchChild<TChild>(string key, TChild child, ChildFlags flags, int parallelism)
    {
        if (RequestedExit is not null)
        {
            throw new InvalidOperationException($"The step of {Name} already ended the process (StepContext.Exit); it cannot start the child '{key}'.");
        }

        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(child);
        ProcessId id;
        bool existing;
        lock (_gate)
        {
            (id, existing) = NextChildLocked(key);
        }

        // A child the interrupted run launched is not started again: the wait attaches to it
        // (its outputs if it finished, its progress if not).
        var execution = existing ? null : Runtime.LaunchChild(child, this, id, held: (flags & ChildFlags.Held) != 0);
        lock (_gate)
        {
            // Launching again under a key replaces the earlier child (e.g. one child per loop turn).
            _children.RemoveAll(record => record.Key == key);
            // Held is how the child is launched, not state: whether it still waits is read from the child.
            _children.Add(new ChildRecord(key, id, TChild.Descriptor.Name, flags & ~ChildFlags.Held, parallelism));
            _childFailuresOrNull?.Remove(key);
            _awaited.Remove(key);
            _awaited.Add(key);
            if (execution is null)
            {
                LiveChildren.Remove(key);
            }
            else
            {
                LiveChildren[key] = execution;
            }

            ChildResults.Remove(key);
        }

        return id;
    }

    void IProcessContextHost.ForgetChild(string key)
    {
        lock (_gate)
        {
            // Only a finished child of an earlier step is forgotten; one still awaited stays awaited.
            if (!_awaited.Contains(key))
            {
                _children.RemoveAll(record => record.Key == key);
                ChildResults.Remove(key);
                _childFailuresOrNull?.Remove(key);
            }
        }
    }

    TChild IProcessContextHost.GetChild<TChild>(string key)
    {
        lock (_gate)
        {
            if (ChildResults.TryGetValue(key, out var result))
            {
                return result as TChild ?? throw new InvalidOperationException(
                    $"The child '{key}' of {Name} is a {ChildName(key)}, not a {TChild.Descriptor.Name}.");
            }

            if (_children.Exists(record => record.Key == key))
            {
                throw new InvalidOperationException(
                    $"The child '{key}' of {Name} has not finished yet. Read a child's outputs in a step after the one that started it.");
            }
        }

        throw new InvalidOperationException($"{Name} started no child under the key '{key}'.");
    }

    bool IProcessContextHost.TryGetChild<TChild>(string key, out TChild? child)
        where TChild : class
    {
        lock (_gate)
        {
            if (!ChildResults.TryGetValue(key, out var result))
            {
                child = null;
                return false;
            }

            child = result as TChild ?? throw new InvalidOperationException(
                $"The child '{key}' of {Name} is a {ChildName(key)}, not a {TChild.Descriptor.Name}.");
            return true;
        }
    }

    bool IProcessContextHost.HasChild(string key)
    {
        lock (_gate)
        {
            return _children.Exists(record => record.Key == key);
        }
    }

    ValueTask<TChild> IProcessContextHost.RunChildAsync<TChild>(TChild child, CancellationToken cancellationToken)
    {
        ProcessId id;
        bool existing;
        lock (_gate)
        {
            (id, existing) = NextChildLocked(RunChildKey);
        }

        if (existing)
        {
            return AttachAndWaitAsync<TChild>(id, cancellationToken);
        }

        var execution = Runtime.LaunchChild(child, this, id);
        return ((ProcessHandle<TChild>)execution.Handle).WaitAsync(cancellationToken);
    }

    private async ValueTask<TChild> AttachAndWaitAsync<TChild>(ProcessId id, CancellationToken cancellationToken)
        where TChild : class
    {
        var execution = await Runtime.AttachChildAsync(id, cancellationToken).ConfigureAwait(false);
        return await ((ProcessHandle<TChild>)execution.Handle).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After the rerun of an interrupted step: deletes the children it had launched that the rerun
    /// did not launch again, since nothing will ever wait for them.
    /// </summary>
    protected async ValueTask DropUnclaimedReplayChildrenAsync()
    {
        HashSet<ProcessId>? unclaimed;
        lock (_gate)
        {
            unclaimed = _replayChildren;
            _replayChildren = null;
        }

        if (unclaimed is null)
        {
            return;
        }

        foreach (var id in unclaimed)
        {
            if (!Runtime.IsLive(id))
            {
                await DeleteCheckpointAsync(id).ConfigureAwait(false);
            }
        }
    }

    private string ChildName(string key) => _children.Find(record => record.Key == key)?.Name ?? "?";

    /// <summary>
    /// Waits until every child launched by the last step has terminated. Returns false when this
    /// process must stop meanwhile (killed, runtime stopped); throws when a child failed.
    /// </summary>
    protected async ValueTask<bool> WaitForAwaitedChildrenAsync()
    {
        List<(string Key, ProcessExecution Execution)> awaited;
        List<ChildRecord> toAttach;
        lock (_gate)
        {
            awaited = new();
            toAttach = new();
            foreach (var key in _awaited)
            {
                if (LiveChildren.TryGetValue(key, out var live))
                {
                    awaited.Add((key, live));
                }
                else if (_children.Find(record => record.Key == key) is { } record)
                {
                    toAttach.Add(record);
                }
            }
        }

        foreach (var record in toAttach)
        {
            var attached = await Runtime.AttachChildAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                LiveChildren[record.Key] = attached;
            }

            awaited.Add((record.Key, attached));
        }

        if (!await AwaitChildrenAsync(awaited).ConfigureAwait(false))
        {
            return false;
        }

        lock (_gate)
        {
            _awaited.Clear();
        }

        return true;
    }

    /// <summary>
    /// Takes each child's outcome as it ends (a failure is seen at once, and fails this process,
    /// which kills the others), and starts queued children of a bounded fan-out, in item order,
    /// as slots free. Linear in the number of children: each end is one channel item.
    /// </summary>
    private async ValueTask<bool> AwaitChildrenAsync(List<(string Key, ProcessExecution Execution)> awaited)
    {
        // Whether a child is queued is read from the child itself, not from the parent's record:
        // after a crash the two may disagree (a child played just before it, or a parent
        // checkpoint taken after a play the child never stored), and the child's own checkpoint
        // is what says whether it runs. Read outside _gate: a child's status takes its own lock.
        var statuses = new ProcessStatus[awaited.Count];
        for (var i = 0; i < awaited.Count; i++)
        {
            statuses[i] = awaited[i].Execution.GetStatus();
        }

        var queued = new Queue<int>();
        var counted = new bool[awaited.Count];
        var running = 0;
        var bound = int.MaxValue;
        lock (_gate)
        {
            var parallelism = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var record in _children)
            {
                parallelism[record.Key] = record.Parallelism;
            }

            for (var i = 0; i < awaited.Count; i++)
            {
                if (statuses[i].State.IsTerminal())
                {
                    continue;
                }

                if (parallelism.TryGetValue(awaited[i].Key, out var limit) && limit > 0 && statuses[i].Paused)
                {
                    queued.Enqueue(i);
                    bound = Math.Min(bound, limit);
                }
                else
                {
                    counted[i] = true;
                    running++;
                }
            }
        }

        var ended = System.Threading.Channels.Channel.CreateUnbounded<int>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
        for (var i = 0; i < awaited.Count; i++)
        {
            var index = i;
            _ = awaited[i].Execution.Completion.ContinueWith(
                static (_, state) => ((Action)state!)(),
                (Action)(() => ended.Writer.TryWrite(index)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        running = await PlayQueuedAsync(awaited, queued, counted, running, bound).ConfigureAwait(false);
        for (var remaining = awaited.Count; remaining > 0; remaining--)
        {
            var index = await ended.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                if (_state.IsTerminal() || _detached)
                {
                    return false;
                }
            }

            if (!TakeChildOutcome(awaited[index].Key, awaited[index].Execution))
            {
                return false;
            }

            if (counted[index])
            {
                running--;
            }

            running = await PlayQueuedAsync(awaited, queued, counted, running, bound).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Plays queued children in item order while fewer than <paramref name="bound"/> run; returns how many run then.</summary>
    private static async ValueTask<int> PlayQueuedAsync(
        List<(string Key, ProcessExecution Execution)> awaited, Queue<int> queued, bool[] counted, int running, int bound)
    {
        while (running < bound && queued.TryDequeue(out var next))
        {
            counted[next] = true;
            running++;
            await awaited[next].Execution.PlayAsync().ConfigureAwait(false);
        }

        return running;
    }

    /// <summary>
    /// Records how an awaited child ended: its instance when it succeeded, its failure when its
    /// fan-out collects errors; throws <see cref="ChildProcessFailedException"/> for any other
    /// failure. False when the child detached (this process cannot go on either).
    /// </summary>
    private bool TakeChildOutcome(string key, ProcessExecution execution)
    {
        if (execution.IsDetached)
        {
            if (execution.DetachReason is { } reason)
            {
                // The child could not go on (its store, its lease); this process cannot either.
                Detach(new ProcessDetachedException(execution.Id, execution.Name, reason));
            }

            return false;
        }

        var status = execution.GetStatus();
        lock (_gate)
        {
            if (status.IsSuccessful)
            {
                ChildResults[key] = execution.Instance;
                return true;
            }

            if (FindChildLocked(key) is { } record && (record.Flags & ChildFlags.CollectErrors) != 0)
            {
                RecordChildFailureLocked(key, status, execution.LocalException);
                return true;
            }
        }

        throw new ChildProcessFailedException(key, status, execution.LocalException);
    }

    /// <summary>After a reload, loads the finished children launched before it so steps can read their outputs.</summary>
    protected async ValueTask LoadFinishedChildrenAsync()
    {
        List<ChildRecord> missing;
        lock (_gate)
        {
            if (_children.Count == 0)
            {
                return;
            }

            missing = _children.Where(record => !ChildResults.ContainsKey(record.Key) && !_awaited.Contains(record.Key)).ToList();
        }

        foreach (var record in missing)
        {
            var execution = await Runtime.AttachChildAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
            var status = execution.GetStatus();
            lock (_gate)
            {
                if (status.IsSuccessful)
                {
                    ChildResults[record.Key] = execution.Instance;
                }
                else if ((record.Flags & ChildFlags.CollectErrors) != 0 && status.State.IsTerminal())
                {
                    RecordChildFailureLocked(record.Key, status, execution.LocalException);
                }
            }
        }
    }

    private async ValueTask KillChildrenAsync(string message)
    {
        List<ProcessExecution> live;
        lock (_gate)
        {
            if (_liveChildrenOrNull is not { Count: > 0 })
            {
                return;
            }

            live = LiveChildren.Values.Where(child => !child.State.IsTerminal()).ToList();
        }

        foreach (var child in live)
        {
            await child.KillAsync(message, force: false).ConfigureAwait(false);
        }
    }
}
