using System;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Runtime;

/// <summary>
/// The process's lease (renewed and released here, held by the <see cref="CheckpointWriter"/>)
/// and detaching: what happens when the store stays down or another runtime takes the process over.
/// </summary>
internal abstract partial class ProcessExecution
{
    /// <summary>The lease this runtime holds on the process, if any (kept by the <see cref="CheckpointWriter"/>, whose saves it fences).</summary>
    public ProcessLease? Lease => _checkpoints.Lease;

    /// <summary>Why the process was detached, when a store failure or a lost lease did it (null when the runtime stopped).</summary>
    public Exception? DetachReason
    {
        get
        {
            lock (this)
            {
                return _seldom?.DetachReason;
            }
        }
    }

    public void SetLease(ProcessLease lease) => _checkpoints.SetLease(lease);

    /// <summary>Called by the runtime's lease keeper: extends the lease, or detaches the process when it is lost.</summary>
    public async ValueTask RenewLeaseAsync()
    {
        var lease = Lease;
        if (lease is null || _detached || _state.IsTerminal())
        {
            return;
        }

        try
        {
            var renewed = await Runtime.Store.RenewLeaseAsync(lease, Runtime.LeaseDuration).ConfigureAwait(false);
            _checkpoints.ReplaceLease(lease, renewed);
        }
        catch (LeaseLostException lost)
        {
            Detach(lost);
        }
        catch (Exception exception)
        {
            Log.LeaseRenewalFailed(Logger, exception, Name, Id);
            if (Runtime.TimeProvider.GetUtcNow() >= lease.ExpiresAt)
            {
                // Another runtime may own it by now: stop before doing work that fencing would throw away.
                Detach(new LeaseLostException(Id, lease.FencingToken, currentOwner: null));
            }
        }
    }

    /// <summary>Gives the lease back (once); failures are logged, since the lease expires anyway.</summary>
    public ValueTask ReleaseLeaseAsync() => ReleaseTakenLeaseAsync(TakeLeaseForRelease());

    /// <summary>
    /// Takes the lease to give back, counted as store work in flight until
    /// <see cref="ReleaseTakenLeaseAsync"/> ends. Taken before the end is reported, so a runtime
    /// stopped by a caller that saw the end waits for the release instead of racing it.
    /// </summary>
    private ProcessLease? TakeLeaseForRelease()
    {
        var lease = _checkpoints.TakeLease();
        if (lease is not null)
        {
            Runtime.StoreWork.Enter();
        }

        return lease;
    }

    /// <remarks>A store that releases synchronously (the in-memory one) ends here, without entering an async method.</remarks>
    private ValueTask ReleaseTakenLeaseAsync(ProcessLease? lease)
    {
        if (lease is null)
        {
            return default;
        }

        ValueTask releasing;
        try
        {
            releasing = Runtime.Store.ReleaseLeaseAsync(lease);
        }
        catch (Exception exception)
        {
            releasing = ValueTask.FromException(exception);
        }

        if (!releasing.IsCompletedSuccessfully)
        {
            return AwaitReleaseAsync(releasing);
        }

        // Observes the result (a ValueTask backed by a source must be read once).
        releasing.GetAwaiter().GetResult();
        Runtime.StoreWork.Exit();
        return default;
    }

    private async ValueTask AwaitReleaseAsync(ValueTask releasing)
    {
        try
        {
            await releasing.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.LeaseReleaseFailed(Logger, exception, Name, Id);
        }
        finally
        {
            Runtime.StoreWork.Exit();
        }
    }

    /// <summary>
    /// Stops the process where it is because its checkpoints cannot be stored or it belongs to
    /// another runtime now. Unlike a failure, nothing is written: the last stored checkpoint stays
    /// the one to continue from. Works on a process that already terminated in memory but could
    /// not store that (its waiters then learn it is detached, not finished).
    /// </summary>
    public void Detach(Exception reason)
    {
        lock (this)
        {
            if (_detached)
            {
                return;
            }

            Seldom.DetachReason = reason;
            if (_state.IsTerminal())
            {
                _detached = true;
            }
        }

        Log.Detached(Logger, reason, Name, Id);
        Detach();
        var lease = TakeLeaseForRelease();
        SignalCompletion();
        Runtime.OnDetached(this);
        _ = ReleaseTakenLeaseAsync(lease).AsTask();
    }
}
