using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Processes.Pool;

/// <summary>Queueing and placing: an item waits in the queue until a worker has a free slot, then runs there until its slot is free again.</summary>
public sealed partial class ProcessPool
{
    private void Enqueue(PoolWorkItem item)
    {
        lock (_gate)
        {
            if (_closePolicy is { } policy)
            {
                throw new ProcessPoolClosedException(item.ProcessName, policy);
            }

            _queue.Enqueue(item);
        }

        if (!Pump())
        {
            Changed(); // It waits: the queue grew, and progress reports it.
        }
    }

    /// <summary>Takes a queued item out of the queue (it will not run); false when it already runs or ended.</summary>
    internal bool TryRemoveQueued(PoolWorkItem item)
    {
        bool removed;
        lock (_gate)
        {
            removed = _queue.Remove(item);
        }

        if (removed)
        {
            Forget(item);
            Changed();
        }

        return removed;
    }

    /// <summary>Places queued items on the workers with the most free slots, as long as both last; true when it placed any (and reported the change).</summary>
    private bool Pump()
    {
        List<(PoolWorkItem Item, PoolWorker Worker)>? placed = null;
        lock (_gate)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            while (_queue.Count > 0 && _queue.TryDequeue(now, _canStart, _canPlace, out var item))
            {
                var worker = RoomiestWorkerLocked(item)!;
                worker.Add(item);
                CountRunningLocked(item, +1);
                (placed ??= new()).Add((item, worker));
            }
        }

        if (placed is null)
        {
            return false;
        }

        // Off this thread (an item that completes at once must not pump recursively on our stack),
        // and started in placement order, so runs sent ahead queue on their worker in that order.
        _ = Task.Run(() =>
        {
            foreach (var (item, worker) in placed)
            {
                _ = RunOnWorkerAsync(item, worker);
            }
        });

        Changed();
        return true;
    }

    /// <summary>The worker with the most room for <paramref name="item"/>, or null when none has any (called under the lock).</summary>
    private PoolWorker? RoomiestWorkerLocked(PoolWorkItem item)
    {
        PoolWorker? best = null;
        var bestRoom = 0;
        foreach (var worker in _workers)
        {
            var room = worker.RoomFor(item);
            if (room > bestRoom)
            {
                best = worker;
                bestRoom = room;
            }
        }

        return best;
    }

    private async Task RunOnWorkerAsync(PoolWorkItem item, PoolWorker worker)
    {
        PoolWorkOutcome outcome;
        try
        {
            outcome = await item.ExecuteAsync(worker.Client, _killing.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Items answer their callers themselves; this is a bug in the pool, not in the process.
            PoolLog.ItemFailed(_logger, exception, item.ProcessName);
            item.Drop(exception);
            outcome = PoolWorkOutcome.Done;
        }

        var lostNow = false;
        Exception? dropReason = null;
        lock (_gate)
        {
            worker.Remove(item);
            CountRunningLocked(item, -1);
            if (outcome == PoolWorkOutcome.WorkerLost)
            {
                // Marked here, under the lock, so the item sent back cannot be placed on the same dead worker.
                lostNow = !worker.Lost;
                worker.Lost = true;
                _workers.Remove(worker);
                if (_stopped || _closePolicy == PoolClosePolicy.Kill)
                {
                    dropReason = StoppedReason(item);
                }
                else
                {
                    _queue.Enqueue(item);
                }
            }
        }

        if (outcome == PoolWorkOutcome.Done)
        {
            Forget(item);
        }
        else if (dropReason is not null)
        {
            item.Drop(dropReason);
            Forget(item);
        }

        if (lostNow)
        {
            RetireLostWorker(worker);
        }

        Pump();
        Changed();
    }

    /// <summary>Why an item whose worker the close stopped cannot go on: a placed process is detached at its checkpoint, a task run did not finish.</summary>
    private Exception StoppedReason(PoolWorkItem item)
    {
        var policy = _closePolicy ?? _options.ClosePolicy;
        return item.Id is { } id
            ? new ProcessDetachedException(id, item.ProcessName, new ProcessPoolClosedException(item.ProcessName, policy, wasRunning: true))
            : new ProcessPoolClosedException(item.ProcessName, policy, wasRunning: true);
    }

    private void Forget(PoolWorkItem item)
    {
        if (item.Id is { } id)
        {
            // Only this item's own handle: a retry placed since then has replaced it.
            _ = item.PlacedHandle is { } own ? _handles.TryRemove(new KeyValuePair<ProcessId, IProcessHandle>(id, own)) : _handles.TryRemove(id, out _);
        }

        if (item.InstanceKey is { } key)
        {
            lock (_gate)
            {
                if (_instances.TryGetValue((item.ProcessName, key), out var holder) && ReferenceEquals(holder, item))
                {
                    _instances.Remove((item.ProcessName, key));
                }
            }
        }
    }

    /// <summary>Whether an item's type is below its running limit (called under the lock).</summary>
    private bool CanStartLocked(PoolWorkItem item) =>
        item.MaxRunning is not { } max || !_runningByType.TryGetValue(item.ProcessName, out var running) || running < max;

    private void CountRunningLocked(PoolWorkItem item, int change)
    {
        if (item.MaxRunning is not null)
        {
            _runningByType[item.ProcessName] = _runningByType.GetValueOrDefault(item.ProcessName) + change;
        }
    }
}
