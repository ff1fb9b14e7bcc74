using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Processes.Pool;

/// <summary>
/// One <see cref="ProcessPool.WatchAsync"/>: a watch on every live worker, merged into one queue.
/// A worker the pool adds later (a replacement) is watched from then on; a lost worker's watch
/// simply ends, since its processes go on, and are watched, on its replacement.
/// </summary>
internal sealed class PoolStatusWatch : IDisposable
{
    private readonly ProcessId? _id;
    private readonly Channel<ProcessStatus> _statuses = Channel.CreateUnbounded<ProcessStatus>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<PoolWorker> _watched = new();

    public PoolStatusWatch(ProcessId? id) => _id = id;

    /// <summary>The merged statuses; in order per worker (a process lives on one worker at a time).</summary>
    public ChannelReader<ProcessStatus> Statuses => _statuses.Reader;

    /// <summary>Starts following <paramref name="worker"/> unless this watch already does or has ended.</summary>
    public void Follow(PoolWorker worker)
    {
        lock (_watched)
        {
            if (_stop.IsCancellationRequested || !_watched.Add(worker))
            {
                return;
            }
        }

        _ = PumpAsync(worker);
    }

    /// <summary>Queues the watched process's current status, read once for the whole pool.</summary>
    public void QueueCurrent(ProcessStatus status) => _statuses.Writer.TryWrite(status);

    /// <summary>Ends the watch: the workers' watch calls are cancelled and the reader sees the end.</summary>
    public void Dispose()
    {
        lock (_watched)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
        }

        _statuses.Writer.TryComplete();
    }

    private async Task PumpAsync(PoolWorker worker)
    {
        try
        {
            await foreach (var status in worker.Client.WatchAsync(_id, fromCurrent: false, _stop.Token).ConfigureAwait(false))
            {
                _statuses.Writer.TryWrite(status);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is Remote.RemoteProcessException or ObjectDisposedException or System.IO.IOException)
        {
            // The worker was lost; the pool retires it and follows its replacement.
        }
        finally
        {
            lock (_watched)
            {
                _watched.Remove(worker);
            }
        }
    }
}
