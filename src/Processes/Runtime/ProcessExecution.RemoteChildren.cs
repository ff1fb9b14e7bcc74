using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// Children on other workers (<see cref="ProcessRuntime.RemoteChildren"/>): storing and dispatching
/// them after the step that launched them, and parking this process while they run, so it holds
/// no thread, no lease and no worker slot; the transport continues it when a child ends.
/// </summary>
internal abstract partial class ProcessExecution
{
    private readonly long _creationSequence = ExecutionSequence.Next();
    private bool _parked;

    /// <summary>This execution's number in <see cref="ExecutionSequence"/>.</summary>
    public long CreationSequence => _creationSequence;

    /// <summary>Whether it left the runtime to wait for children running elsewhere (checkpointed as waiting, lease released).</summary>
    public bool IsParked
    {
        get
        {
            lock (this)
            {
                return _parked;
            }
        }
    }

    /// <summary>Whether a child of this step goes to another worker: unbounded children, when the runtime has a dispatcher.</summary>
    private bool RunsElsewhere(ChildFlags flags, int parallelism) =>
        Runtime.RemoteChildren is not null && (flags & ChildFlags.Held) == 0 && parallelism == 0;

    /// <summary>Records a child to store (unless <paramref name="prepared"/> is null: claimed from an interrupted run) and dispatch after the step.</summary>
    private void AddRemoteLaunch(ProcessId id, string name, ProcessExecution? prepared)
    {
        lock (this)
        {
            (Seldom.RemoteLaunches ??= []).Add(new RemoteLaunch(id, name, prepared));
        }
    }

    /// <summary>The remote launches of the step that just ended, taken once.</summary>
    private List<RemoteLaunch>? TakeRemoteLaunches()
    {
        lock (this)
        {
            if (_seldom is not { RemoteLaunches: { } launches } seldom)
            {
                return null;
            }

            seldom.RemoteLaunches = null;
            return launches;
        }
    }

    /// <summary>
    /// Stores each new child's first checkpoint under a lease of its own, then dispatches it. A
    /// child claimed from an interrupted run is dispatched again only if no worker ever took it
    /// (still Created): the crash may have come between its checkpoint and its dispatch. A store
    /// or transport failure detaches this process (its message goes back; nothing is decided).
    /// </summary>
    private async Task StoreAndDispatchAsync(Task localPersisted, List<RemoteLaunch> launches)
    {
        var dispatcher = Runtime.RemoteChildren ?? throw new ProcessDetachedException(Id, Name, new InvalidOperationException("The runtime no longer dispatches children to other workers."));
        try
        {
            await localPersisted.ConfigureAwait(false);
            foreach (var launch in launches)
            {
                if (launch.Prepared is { } child)
                {
                    child.SetLease(await Runtime.AcquireLeaseAsync(child.Id, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false));
                    try
                    {
                        await child.PersistAsync().ConfigureAwait(false);
                    }
                    finally
                    {
                        await child.ReleaseLeaseAsync().ConfigureAwait(false);
                    }
                }
                else if ((await Runtime.ReadStatusAsync(launch.Id, CancellationToken.None).ConfigureAwait(false)).State != ProcessState.Created)
                {
                    continue;
                }

                await dispatcher.DispatchAsync(launch.Id, launch.Name, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not (ProcessDetachedException or OutOfMemoryException))
        {
            throw new ProcessDetachedException(Id, Name, exception);
        }
    }

    /// <summary>
    /// Whether every child in <paramref name="records"/> has terminated, as the store records it
    /// (read after this execution was created, so after any wake-up that continued it).
    /// </summary>
    private async ValueTask<bool> RemoteChildrenEndedAsync(List<ChildRecord> records)
    {
        try
        {
            foreach (var record in records)
            {
                if (!(await Runtime.ReadStatusAsync(record.Id, CancellationToken.None).ConfigureAwait(false)).State.IsTerminal())
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new ProcessDetachedException(Id, Name, exception);
        }
    }

    /// <summary>
    /// Leaves the runtime while children run elsewhere: the checkpoint already stored (state
    /// Waiting, the awaited children named) is where it continues; the lease is given back first,
    /// so whoever continues it after a child ends need not wait for it.
    /// </summary>
    private async ValueTask ParkAsync()
    {
        lock (this)
        {
            if (_state.IsTerminal() || _detached)
            {
                return;
            }
        }

        await ReleaseLeaseAsync().ConfigureAwait(false);
        lock (this)
        {
            _parked = true;
        }

        Runtime.OnDetached(this);
        Detach();
    }

    /// <summary>A child launched by the running step to run on another worker.</summary>
    private sealed record RemoteLaunch(ProcessId Id, string Name, ProcessExecution? Prepared);
}
