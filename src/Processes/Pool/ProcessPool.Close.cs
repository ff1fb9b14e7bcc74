using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Pool;

/// <summary>Closing: refuse new work, settle the queue and the running work as the policy says, then stop the workers.</summary>
public sealed partial class ProcessPool
{
    // How often a close that waits only for paused processes looks whether they still are paused.
    private static readonly TimeSpan PausedPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Closes the pool with <see cref="ProcessPoolOptions.ClosePolicy"/> (<see cref="PoolClosePolicy.Join"/>
    /// unless set): see <see cref="CloseAsync(PoolClosePolicy, CancellationToken)"/>.
    /// </summary>
    public async ValueTask DisposeAsync() => await CloseAsync(_options.ClosePolicy).ConfigureAwait(false);

    /// <summary>
    /// Closes the pool. New launches are refused at once with <see cref="ProcessPoolClosedException"/>.
    /// <see cref="PoolClosePolicy.Join"/> runs the queue to its end; <see cref="PoolClosePolicy.Cancel"/>
    /// and <see cref="PoolClosePolicy.Kill"/> fail every queued launch with
    /// <see cref="ProcessPoolClosedException"/>. Running work then runs to its end (Join, Cancel) or
    /// is killed (Kill). A paused process does not hold the close: its worker stops and it is
    /// detached at its last checkpoint (its waiters get <see cref="ProcessDetachedException"/>),
    /// continuable later by id. Last, the workers are stopped. A second call waits for the first.
    /// Cancelling stops waiting for running work and stops the workers at once (running processes
    /// are detached at their last checkpoint).
    /// </summary>
    public async Task CloseAsync(PoolClosePolicy policy, CancellationToken cancellationToken = default)
    {
        List<PoolWorkItem> dropped;
        lock (_gate)
        {
            if (_closePolicy is not null)
            {
                dropped = null!;
            }
            else
            {
                _closePolicy = policy;
                dropped = policy == PoolClosePolicy.Join ? new List<PoolWorkItem>() : _queue.RemoveAll();
            }
        }

        if (dropped is null)
        {
            await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var item in dropped)
        {
            item.Drop(new ProcessPoolClosedException(item.ProcessName, policy));
            Forget(item);
        }

        Changed();
        try
        {
            if (policy == PoolClosePolicy.Kill)
            {
                await _killing.CancelAsync().ConfigureAwait(false);
                await KillRunningAsync().ConfigureAwait(false);
            }

            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopWorkersAsync().ConfigureAwait(false);
            _closed.TrySetResult();
        }
    }

    private async Task KillRunningAsync()
    {
        foreach (var worker in LiveWorkers())
        {
            try
            {
                await worker.Client.KillAllAsync("The process pool closed with Kill.", CancellationToken.None).ConfigureAwait(false);
            }
            catch (Remote.RemoteProcessException)
            {
                // The worker is gone; its items are dropped as they notice.
            }
        }
    }

    /// <summary>Waits until the queue is empty and every slot is free, or held only by paused processes.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var change = NextChange();
            List<PoolWorkItem> running;
            lock (_gate)
            {
                if (_queue.Count == 0 && RunningCountLocked() == 0)
                {
                    return;
                }

                running = _queue.Count == 0 ? RunningItemsLocked() : new List<PoolWorkItem>();
            }

            if (running.Count > 0 && await AllPausedAsync(running, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.WhenAny(change, Task.Delay(PausedPollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<bool> AllPausedAsync(List<PoolWorkItem> running, CancellationToken cancellationToken)
    {
        foreach (var item in running)
        {
            if (item.Id is not { } id || !_handles.TryGetValue(id, out var handle))
            {
                return false;
            }

            try
            {
                if (!(await handle.GetStatusAsync(cancellationToken).ConfigureAwait(false)).Paused)
                {
                    return false;
                }
            }
            catch (Remote.RemoteProcessException)
            {
                return false;
            }
        }

        return true;
    }

    private int RunningCountLocked()
    {
        var count = 0;
        foreach (var worker in _workers)
        {
            count += worker.Items.Count;
        }

        return count;
    }

    private List<PoolWorkItem> RunningItemsLocked()
    {
        var items = new List<PoolWorkItem>();
        foreach (var worker in _workers)
        {
            items.AddRange(worker.Items);
        }

        return items;
    }

    private async Task StopWorkersAsync()
    {
        List<PoolWorker> workers;
        PoolStatusWatch[] watches;
        lock (_gate)
        {
            _stopped = true;
            workers = new List<PoolWorker>(_workers);
            _workers.Clear();
            foreach (var worker in workers)
            {
                worker.Lost = true;
            }

            watches = _watches.ToArray();
            _watches.Clear();
        }

        foreach (var watch in watches)
        {
            watch.Dispose();
        }

        if (!_killing.IsCancellationRequested)
        {
            await _killing.CancelAsync().ConfigureAwait(false);
        }

        var stops = new List<Task>(workers.Count);
        foreach (var worker in workers)
        {
            stops.Add(PoolWorkerStarter.StopAsync(worker, _options.StopTimeout));
        }

        await Task.WhenAll(stops).ConfigureAwait(false);
        Changed();
    }
}
