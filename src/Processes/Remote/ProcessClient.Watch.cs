using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>Watching state changes: one long call whose status frames feed the enumeration.</summary>
public sealed partial class ProcessClient
{
    /// <inheritdoc />
    /// <remarks>
    /// One call on this connection streams the worker's changes; leaving the enumeration cancels
    /// it. The watch ends without an exception when the worker's runtime stops, and throws the
    /// connection's typed error when the connection fails. The statuses carry no emitted outputs
    /// (read <see cref="GetStatusAsync"/> for them).
    /// </remarks>
    public IAsyncEnumerable<ProcessStatus> WatchAsync(ProcessId? id = null, CancellationToken cancellationToken = default) =>
        WatchAsync(id, fromCurrent: true, cancellationToken);

    /// <summary>The watch, with or without the current status of the one watched process first (a pool merging several workers reads it once itself).</summary>
    internal async IAsyncEnumerable<ProcessStatus> WatchAsync(ProcessId? id, bool fromCurrent, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if ((_workerFeatures & WorkerFeatures.Watch) == 0)
        {
            throw new NotSupportedException($"The worker on pipe '{PipeName}' is too old to stream state changes; update it to watch processes.");
        }

        var statuses = Channel.CreateUnbounded<ProcessStatus>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var call = CallAsync(FrameType.Watch, FrameFlags.None, writer =>
        {
            WireCodec.WriteOptionalId(writer, id);
            writer.WriteBoolean(fromCurrent);
        }, new ChannelProgress(statuses.Writer), stop.Token);
        var ended = EndWithCallAsync(call, statuses.Writer, stop.Token);
        try
        {
            while (await statuses.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (statuses.Reader.TryRead(out var status))
                {
                    yield return status;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await ended.ConfigureAwait(false);
        }
    }

    /// <summary>Completes the statuses when the call ends: normally when the worker's runtime stopped, with its error when it failed.</summary>
    private static async Task EndWithCallAsync(Task<Protocol.Frame> call, ChannelWriter<ProcessStatus> statuses, CancellationToken stopping)
    {
        try
        {
            (await call.ConfigureAwait(false)).Dispose();
            statuses.TryComplete();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            statuses.TryComplete();
        }
        catch (Exception exception)
        {
            statuses.TryComplete(exception);
        }
    }

    /// <summary>Status frames of the watch call, queued on the read loop's thread without blocking it.</summary>
    private sealed class ChannelProgress(ChannelWriter<ProcessStatus> statuses) : IProgress<ProcessStatus>
    {
        public void Report(ProcessStatus value) => statuses.TryWrite(value);
    }
}
