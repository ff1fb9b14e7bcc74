using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>
/// Runs queued on the worker (a pool's run-ahead): the connection's run slots bound how many run
/// at once, and runs sent beyond them wait on the worker, so it never idles between two.
/// </summary>
public sealed partial class ProcessClient
{
    /// <summary>Whether the worker queues runs in run slots (<see cref="WorkerFeatures.RunQueue"/>).</summary>
    internal bool SupportsRunQueue => (_workerFeatures & WorkerFeatures.RunQueue) != 0;

    /// <summary>Whether <see cref="SetRunSlotsAsync"/> succeeded on this connection.</summary>
    internal bool HasRunSlots { get; private set; }

    /// <summary>Sets this connection's run slots, once: at most <paramref name="slots"/> queued runs run at once.</summary>
    internal async Task SetRunSlotsAsync(int slots, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        (await CallAsync(FrameType.RunSlots, FrameFlags.None, writer => writer.WriteInt32(slots), null, cancellationToken).ConfigureAwait(false)).Dispose();
        HasRunSlots = true;
    }

    /// <summary>As <see cref="RunAsync{TProcess}(TProcess, IProgress{ProcessStatus}?, CancellationToken)"/>, waiting on the worker for one of the connection's run slots first.</summary>
    internal ValueTask<TProcess> RunQueuedAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, progress, FrameFlags.Queued, cancellationToken);
}
