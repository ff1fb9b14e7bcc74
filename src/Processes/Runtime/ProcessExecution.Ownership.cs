using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Runtime;

/// <summary>
/// The process's lease, the fenced and retried saves it allows, and detaching: what happens when
/// the store stays down or another runtime takes the process over.
/// </summary>
internal abstract partial class ProcessExecution
{
    private ProcessLease? _lease;
    private Exception? _detachReason;

    /// <summary>The lease this runtime holds on the process, if any.</summary>
    public ProcessLease? Lease => Volatile.Read(ref _lease);

    /// <summary>Why the process was detached, when a store failure or a lost lease did it (null when the runtime stopped).</summary>
    public Exception? DetachReason
    {
        get
        {
            lock (_gate)
            {
                return _detachReason;
            }
        }
    }

    public void SetLease(ProcessLease lease) => Volatile.Write(ref _lease, lease);

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
            Interlocked.CompareExchange(ref _lease, renewed, lease);
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
    public async ValueTask ReleaseLeaseAsync()
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        if (lease is null)
        {
            return;
        }

        try
        {
            await Runtime.Store.ReleaseLeaseAsync(lease).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.LeaseReleaseFailed(Logger, exception, Name, Id);
        }
    }

    /// <summary>
    /// Writes a checkpoint with the lease's fencing token, retrying failures as the runtime's
    /// <see cref="CheckpointSaveRetry"/> says. Throws <see cref="CheckpointSaveFailedException"/>
    /// when every attempt failed or the lease was lost; the store then still holds the last good one.
    /// </summary>
    private async ValueTask StoreCheckpointAsync(Checkpoint checkpoint)
    {
        var retry = Runtime.SaveRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Runtime.Store.SaveAsync(checkpoint).ConfigureAwait(false);
                return;
            }
            catch (LeaseLostException lost)
            {
                throw new CheckpointSaveFailedException(Id, Name, attempt, lost);
            }
            catch (Exception exception) when (exception is not ArgumentException)
            {
                if (attempt >= Math.Max(retry.MaxAttempts, 1) || Runtime.IsStopped)
                {
                    throw new CheckpointSaveFailedException(Id, Name, attempt, exception);
                }

                var delay = retry.DelayAfter(attempt);
                Log.CheckpointSaveRetrying(Logger, exception, Name, Id, attempt, delay);
                await Task.Delay(delay, Runtime.TimeProvider).ConfigureAwait(false);
            }
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
        lock (_gate)
        {
            if (_detached)
            {
                return;
            }

            _detachReason = reason;
            if (_state.IsTerminal())
            {
                _detached = true;
            }
        }

        Log.Detached(Logger, reason, Name, Id);
        Detach();
        SignalCompletion();
        Runtime.OnDetached(this);
        _ = ReleaseLeaseAsync().AsTask();
    }
}
