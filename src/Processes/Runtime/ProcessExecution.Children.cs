using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>Children launched by steps: launching, waiting, reading their outputs, killing them.</summary>
internal abstract partial class ProcessExecution
{
    // Created by the first child (most processes launch none); guarded by the lock, see ChildTable.
    private ChildTable? _childTable;

    /// <summary>The child table, created on first use; the caller holds the lock.</summary>
    private ChildTable ChildrenLocked()
    {
        if (_childTable is null)
        {
            Volatile.Write(ref _childTable, new ChildTable());
        }

        return _childTable!;
    }

    bool IProcessContextHost.TryGetChildFailure(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcessStatus? status, out Exception? localException)
    {
        lock (this)
        {
            if (_childTable is { } children && children.TryGetFailure(key, out status, out localException))
            {
                return true;
            }
        }

        status = null;
        localException = null;
        return false;
    }

    /// <summary>Waits until every child launched by the last step has stored its first checkpoint, so the parent's next checkpoint never names a child that cannot be found.</summary>
    protected Task ChildrenPersisted()
    {
        // The awaited keys change only on this process's own flow (its steps and the loop), so reading them here needs no lock.
        if (!HasAwaitedChildren)
        {
            return Task.CompletedTask;
        }

        Task local;
        lock (this)
        {
            local = _childTable!.HasAwaited ? _childTable.AwaitedPersisted() : Task.CompletedTask;
        }

        if (TakeRemoteLaunches() is { } remote)
        {
            return StoreAndDispatchAsync(local, remote);
        }

        return local.IsCompletedSuccessfully ? local : DetachIfNotPersistedAsync(local);
    }

    /// <summary>
    /// A child whose first checkpoint could not be stored (its store down, its lease taken) has
    /// detached; this process must not store a checkpoint naming it, and has not failed either:
    /// it detaches too, and its step reruns from the last stored checkpoint.
    /// </summary>
    private async Task DetachIfNotPersistedAsync(Task persisted)
    {
        try
        {
            await persisted.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (ProcessDetachedException or OutOfMemoryException))
        {
            throw new ProcessDetachedException(Id, Name, exception);
        }
    }

    /// <summary>Read by the process's own flow only, where the awaited keys change, hence no lock.</summary>
    protected bool HasAwaitedChildren => _childTable is { HasAwaited: true };

    /// <summary>Hands a reloaded process the children its interrupted step had launched (see <see cref="ChildTable.SetReplay"/>).</summary>
    public void SetReplayChildren(HashSet<ProcessId> children)
    {
        lock (this)
        {
            ChildrenLocked().SetReplay(children);
        }
    }

    /// <summary>Starts a step's count of launches per key afresh (a cheap no-op for steps that launch nothing).</summary>
    private void ResetLaunchCounts()
    {
        if (_childTable is { HasLaunchCounts: true })
        {
            lock (this)
            {
                _childTable.ResetLaunchCounts();
            }
        }
    }

    /// <summary>The next child id under <paramref name="key"/> and whether the interrupted run had launched it already; the caller holds the lock.</summary>
    private (ProcessId Id, bool Existing) NextChildLocked(string key) => ChildrenLocked().Next(Id, StepSequence, key);

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
        lock (this)
        {
            (id, existing) = NextChildLocked(key);
        }

        // A child the interrupted run launched is not started again: the wait attaches to it
        // (its outputs if it finished, its progress if not).
        ProcessExecution? execution = null;
        if (RunsElsewhere(flags, parallelism))
        {
            AddRemoteLaunch(id, TChild.Descriptor.Name, existing ? null : Runtime.PrepareRemoteChild(child, this, id));
        }
        else if (!existing)
        {
            execution = Runtime.LaunchChild(child, this, id, held: (flags & ChildFlags.Held) != 0);
        }

        lock (this)
        {
            // Held is how the child is launched, not state: whether it still waits is read from the child.
            ChildrenLocked().Add(new ChildRecord(key, id, TChild.Descriptor.Name, flags & ~ChildFlags.Held, parallelism), execution);
        }

        return id;
    }

    void IProcessContextHost.ForgetChild(string key)
    {
        lock (this)
        {
            // Only a finished child of an earlier step is forgotten; one still awaited stays awaited.
            _childTable?.Forget(key);
        }
    }

    TChild IProcessContextHost.GetChild<TChild>(string key)
    {
        lock (this)
        {
            if (_childTable is { } children)
            {
                if (children.TryGetResult(key, out var result))
                {
                    return result as TChild ?? throw new InvalidOperationException(
                        $"The child '{key}' of {Name} is a {children.NameOf(key)}, not a {TChild.Descriptor.Name}.");
                }

                if (children.Exists(key))
                {
                    throw new InvalidOperationException(
                        $"The child '{key}' of {Name} has not finished yet. Read a child's outputs in a step after the one that started it.");
                }
            }
        }

        throw new InvalidOperationException($"{Name} started no child under the key '{key}'.");
    }

    bool IProcessContextHost.TryGetChild<TChild>(string key, out TChild? child)
        where TChild : class
    {
        lock (this)
        {
            if (_childTable is not { } children || !children.TryGetResult(key, out var result))
            {
                child = null;
                return false;
            }

            child = result as TChild ?? throw new InvalidOperationException(
                $"The child '{key}' of {Name} is a {children.NameOf(key)}, not a {TChild.Descriptor.Name}.");
            return true;
        }
    }

    bool IProcessContextHost.HasChild(string key)
    {
        lock (this)
        {
            return _childTable is { } children && children.Exists(key);
        }
    }

    ValueTask<TChild> IProcessContextHost.RunChildAsync<TChild>(TChild child, CancellationToken cancellationToken) =>
        RunTrackedChildAsync(TChild.Descriptor, child, cancellationToken);

    ValueTask<TItem> IProcessContextHost.RunMapItemAsync<TItem>(ProcessDescriptor<TItem> descriptor, TItem item, CancellationToken cancellationToken) =>
        ProcessRuntime.CanRunInline(descriptor)
            ? Runtime.RunInline(descriptor, item, cancellationToken)
            : RunTrackedChildAsync(descriptor, item, cancellationToken);

    private ValueTask<TChild> RunTrackedChildAsync<TChild>(ProcessDescriptor<TChild> descriptor, TChild child, CancellationToken cancellationToken)
        where TChild : class
    {
        ProcessId id;
        bool existing;
        lock (this)
        {
            (id, existing) = NextChildLocked(ChildTable.RunChildKey);
        }

        if (existing)
        {
            return AttachAndWaitAsync<TChild>(id, cancellationToken);
        }

        var execution = Runtime.LaunchChild(descriptor, child, this, id);
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
    protected ValueTask DropUnclaimedReplayChildrenAsync()
    {
        // Runs after every step; a process without children has nothing to drop.
        if (Volatile.Read(ref _childTable) is null)
        {
            return default;
        }

        HashSet<ProcessId>? unclaimed;
        lock (this)
        {
            unclaimed = _childTable!.TakeUnclaimedReplay();
        }

        return unclaimed is null ? default : DeleteUnclaimedAsync(unclaimed);
    }

    private async ValueTask DeleteUnclaimedAsync(HashSet<ProcessId> unclaimed)
    {
        foreach (var id in unclaimed)
        {
            if (!Runtime.IsLive(id))
            {
                await _checkpoints.DeleteAsync(id).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Waits until every child launched by the last step has terminated. Returns false when this
    /// process must stop meanwhile (killed, runtime stopped); throws when a child failed.
    /// </summary>
    protected async ValueTask<bool> WaitForAwaitedChildrenAsync()
    {
        List<(string Key, ProcessExecution Execution)> awaited;
        List<ChildRecord> toAttach;
        lock (this)
        {
            (awaited, toAttach) = ChildrenLocked().SplitAwaited();
        }

        if (Runtime.RemoteChildren is not null && toAttach.Exists(static record => record.Parallelism == 0))
        {
            // Unbounded children ran elsewhere; bounded fan-outs ran here. Those here go first
            // (nobody would wake this process for them), then, unless every child elsewhere has
            // ended, the process parks until a child's end continues it.
            var elsewhere = toAttach.FindAll(static record => record.Parallelism == 0);
            toAttach.RemoveAll(static record => record.Parallelism == 0);
            if (awaited.Count + toAttach.Count > 0)
            {
                await AttachAllAsync(toAttach, awaited).ConfigureAwait(false);
                if (!await AwaitChildrenAsync(awaited).ConfigureAwait(false))
                {
                    return false;
                }
            }

            if (!await RemoteChildrenEndedAsync(elsewhere).ConfigureAwait(false))
            {
                await ParkAsync().ConfigureAwait(false);
                return false;
            }

            awaited = [];
            toAttach = elsewhere;
        }

        await AttachAllAsync(toAttach, awaited).ConfigureAwait(false);
        if (!await AwaitChildrenAsync(awaited).ConfigureAwait(false))
        {
            return false;
        }

        lock (this)
        {
            ChildrenLocked().ClearAwaited();
        }

        return true;
    }

    /// <summary>Attaches the children of <paramref name="records"/> (loaded, or read when they ended) and adds them to <paramref name="awaited"/>.</summary>
    private async ValueTask AttachAllAsync(List<ChildRecord> records, List<(string Key, ProcessExecution Execution)> awaited)
    {
        foreach (var record in records)
        {
            var attached = await AttachChildOrDetachAsync(record.Id).ConfigureAwait(false);
            lock (this)
            {
                ChildrenLocked().SetLive(record.Key, attached);
            }

            awaited.Add((record.Key, attached));
        }
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
        // is what says whether it runs. Read outside the lock: a child's status takes its own lock.
        var statuses = new ProcessStatus[awaited.Count];
        for (var i = 0; i < awaited.Count; i++)
        {
            statuses[i] = awaited[i].Execution.GetStatus();
        }

        var slots = new FanOutQueue(awaited);
        lock (this)
        {
            var parallelism = ChildrenLocked().ParallelismByKey();

            for (var i = 0; i < awaited.Count; i++)
            {
                if (statuses[i].State.IsTerminal())
                {
                    continue;
                }

                if (parallelism.TryGetValue(awaited[i].Key, out var limit) && limit > 0 && statuses[i].Paused)
                {
                    slots.AddQueued(i, limit);
                }
                else
                {
                    slots.AddRunning(i);
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

        await slots.PlayAsync().ConfigureAwait(false);
        for (var remaining = awaited.Count; remaining > 0; remaining--)
        {
            var index = await ended.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            lock (this)
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

            slots.Ended(index);
            await slots.PlayAsync().ConfigureAwait(false);
        }

        return true;
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
        lock (this)
        {
            var children = ChildrenLocked();
            if (status.IsSuccessful)
            {
                children.SetResult(key, execution.Instance);
                return true;
            }

            if (children.CollectsErrors(key))
            {
                children.SetFailure(key, status, execution.LocalException);
                return true;
            }
        }

        throw new ChildProcessFailedException(key, status, execution.LocalException);
    }

    /// <summary>
    /// Attaches a child (loads it, or reads it when it ended). A child checkpoint that is missing,
    /// corrupted or of an unknown type fails this process, as anywhere; a store that cannot be
    /// reached now or a child still owned by a runtime whose lease has not lapsed detaches it
    /// instead (nothing is decided; it goes on from its stored checkpoint later).
    /// </summary>
    private async ValueTask<ProcessExecution> AttachChildOrDetachAsync(ProcessId childId)
    {
        try
        {
            return await Runtime.AttachChildAsync(childId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (CheckpointNotFoundException or CheckpointCorruptedException or OutlineVersionMismatchException
            or UnknownProcessTypeException or ProcessSerializationException or ProcessDetachedException or OutOfMemoryException))
        {
            throw new ProcessDetachedException(Id, Name, exception);
        }
    }

    /// <summary>After a reload, loads the finished children launched before it so steps can read their outputs.</summary>
    /// <remarks>Called at the start of every outline run; one without a child table (most) enters no async method.</remarks>
    protected ValueTask LoadFinishedChildrenAsync() => Volatile.Read(ref _childTable) is null ? default : LoadFinishedChildrenCoreAsync();

    private async ValueTask LoadFinishedChildrenCoreAsync()
    {
        List<ChildRecord> missing;
        ChildTable children;
        lock (this)
        {
            if (_childTable is not { RecordCount: > 0 } table)
            {
                return;
            }

            children = table;
            missing = children.NotYetLoaded();
        }

        foreach (var record in missing)
        {
            var execution = await AttachChildOrDetachAsync(record.Id).ConfigureAwait(false);
            var status = execution.GetStatus();
            lock (this)
            {
                if (status.IsSuccessful)
                {
                    children.SetResult(record.Key, execution.Instance);
                }
                else if ((record.Flags & ChildFlags.CollectErrors) != 0 && status.State.IsTerminal())
                {
                    children.SetFailure(record.Key, status, execution.LocalException);
                }
            }
        }
    }

    private async ValueTask KillChildrenAsync(string message)
    {
        List<ProcessExecution> live;
        lock (this)
        {
            if (_childTable is null)
            {
                return;
            }

            live = _childTable.LiveRunning();
        }

        foreach (var child in live)
        {
            await child.KillAsync(message, force: false).ConfigureAwait(false);
        }
    }
}
