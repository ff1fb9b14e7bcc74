using System;
using System.Threading.Tasks;

namespace Processes.Pool;

/// <summary>Supervision: a worker whose OS process exits or whose connection breaks is retired, its items go back to the queue, and a started worker is replaced.</summary>
public sealed partial class ProcessPool
{
    private const int RestartAttempts = 3;
    private static readonly TimeSpan RestartBackOff = TimeSpan.FromSeconds(1);

    private void AddWorker(PoolWorker worker)
    {
        var keep = false;
        PoolStatusWatch[] watches;
        lock (_gate)
        {
            if (!_stopped)
            {
                _workers.Add(worker);
                keep = true;
            }

            watches = _watches.ToArray();
        }

        if (!keep)
        {
            _ = PoolWorkerStarter.StopAsync(worker, _options.StopTimeout);
            return;
        }

        if (worker.OsProcess is { } osProcess)
        {
            _ = SuperviseAsync(worker, osProcess);
        }

        foreach (var watch in watches)
        {
            watch.Follow(worker);
        }

        Pump();
        Changed();
    }

    private async Task SuperviseAsync(PoolWorker worker, System.Diagnostics.Process osProcess)
    {
        await osProcess.WaitForExitAsync().ConfigureAwait(false);
        bool lostNow;
        lock (_gate)
        {
            lostNow = !worker.Lost;
            worker.Lost = true;
            _workers.Remove(worker);
        }

        if (lostNow)
        {
            RetireLostWorker(worker);
        }
    }

    /// <summary>
    /// Closes the connection of a worker marked lost (its pending calls fail, so the items in its
    /// slots come back to the queue), makes sure its OS process is gone, and starts a replacement.
    /// </summary>
    private void RetireLostWorker(PoolWorker worker)
    {
        int items;
        bool restart;
        lock (_gate)
        {
            items = worker.Items.Count;
            restart = !worker.Adopted && !_stopped;
        }

        PoolLog.WorkerLost(_logger, worker.Place, worker.PipeName, items);
        _ = RetireAsync(worker, restart);
        Changed();
    }

    private async Task RetireAsync(PoolWorker worker, bool restart)
    {
        await worker.Client.DisposeAsync().ConfigureAwait(false);
        if (worker.OsProcess is { } osProcess)
        {
            PoolWorkerStarter.Kill(osProcess);
            osProcess.Dispose();
            PoolWorkerStarter.DeleteSocketFile(worker.PipeName);
        }

        if (!restart)
        {
            return;
        }

        for (var attempt = 1; attempt <= RestartAttempts; attempt++)
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }
            }

            var restarts = worker.Restarts + attempt;
            try
            {
                var replacement = await PoolWorkerStarter.StartAsync(_options, PipeNameFor(worker.Place, restarts), worker.Place, restarts, _logger, _killing.Token).ConfigureAwait(false);
                AddWorker(replacement);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                PoolLog.WorkerStartFailed(_logger, exception, worker.Place);
                await Task.Delay(RestartBackOff).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
