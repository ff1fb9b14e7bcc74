using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// The statuses of a runtime's tracked processes (one, or all) at each state change, queued in
/// order for one reader: the in-process <c>WatchAsync</c> and a worker's watch frames read it.
/// The queue is unbounded so a listener never blocks a process's transition; it ends when the
/// watch is disposed or the runtime stops.
/// </summary>
internal sealed class RuntimeStatusWatch : IDisposable
{
    private readonly ProcessRuntime _runtime;
    private readonly ProcessId? _id;
    private readonly Channel<ProcessStatus> _statuses = Channel.CreateUnbounded<ProcessStatus>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenRegistration _runtimeStopping;

    public RuntimeStatusWatch(ProcessRuntime runtime, ProcessId? id)
    {
        _runtime = runtime;
        _id = id;
        runtime.StateChanged += OnStateChanged;
        _runtimeStopping = runtime.Stopping.UnsafeRegister(static state => ((RuntimeStatusWatch)state!).Dispose(), this);
    }

    /// <summary>
    /// Queues the watched process's current status (live, else stored; nothing when the id is
    /// unknown). Called after the watch is set up, so no change falls between the two: a change
    /// queued meanwhile is only ever followed by a status at least as new.
    /// </summary>
    public async ValueTask QueueCurrentAsync(CancellationToken cancellationToken)
    {
        if (_id is not { } id)
        {
            return;
        }

        try
        {
            _statuses.Writer.TryWrite(await _runtime.ReadStatusAsync(id, cancellationToken).ConfigureAwait(false));
        }
        catch (CheckpointNotFoundException)
        {
            // Not started yet: its first change will be the first status.
        }
    }

    /// <summary>The statuses in the order of their changes; completes when the watch ends.</summary>
    public ChannelReader<ProcessStatus> Statuses => _statuses.Reader;

    public void Dispose()
    {
        _runtime.StateChanged -= OnStateChanged;
        _runtimeStopping.Dispose();
        _statuses.Writer.TryComplete();
    }

    // Inline runs raise their changes with a null sender: they have no handle and are not watched.
    private void OnStateChanged(object? sender, ProcessStateChangedEventArgs change)
    {
        if (sender is ProcessHandle handle && (_id is not { } id || change.ProcessId == id))
        {
            _statuses.Writer.TryWrite(handle.Status);
        }
    }
}
