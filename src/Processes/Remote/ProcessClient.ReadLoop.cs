using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Pipes;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

// The one reader of a connection: hands each reply to its waiting call through the call table.
public sealed partial class ProcessClient
{
    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _channel.ReadAsync(_closing.Token).ConfigureAwait(false) is { } frame)
            {
                var handedOver = false;
                bool goOn;
                try
                {
                    goOn = OnFrame(frame, ref handedOver);
                }
                finally
                {
                    // A result frame now belongs to its call, which returns the buffer after reading it.
                    if (!handedOver)
                    {
                        frame.Dispose();
                    }
                }

                if (!goOn)
                {
                    return;
                }
            }

            Fail(new RemoteProcessException("The worker closed the connection."));
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            Fail(new RemoteProcessException("The client was disposed."));
        }
        catch (RemoteProtocolException exception)
        {
            Fail(exception);
        }
        catch (Exception exception)
        {
            Fail(new RemoteProcessException("The connection to the worker broke: " + exception.Message, exception));
        }
    }

    /// <summary>
    /// Handles one frame from the worker; returns false when the connection is over. Sets
    /// <paramref name="handedOver"/> when a waiting call took the frame (and with it its buffer).
    /// </summary>
    private bool OnFrame(Frame frame, ref bool handedOver)
    {
        switch (frame.Type)
        {
            case FrameType.Result:
                if (TryRemovePending(frame.CorrelationId, out var done))
                {
                    handedOver = true;
                    done.Complete(frame);
                }

                return true;
            case FrameType.Error when frame.CorrelationId == 0:
                Fail(ReadError(frame));
                return false;
            case FrameType.Error:
                if (TryRemovePending(frame.CorrelationId, out var failed))
                {
                    failed.Fail(ReadError(frame));
                }

                return true;
            case FrameType.StatusUpdate:
                if (TryGetPending(frame.CorrelationId, out var subscribed) && subscribed.Progress is { } progress)
                {
                    var reader = new ProcessReader(frame.Payload);
                    ProcessStatus status;
                    try
                    {
                        status = WireCodec.ReadStatus(ref reader);
                        reader.EnsureAtEnd();
                    }
                    catch (ProcessSerializationException exception)
                    {
                        throw new RemoteProtocolException("The worker sent a malformed status frame: " + exception.Message, exception);
                    }

                    progress.Report(status);
                }

                return true;
            default:
                throw new RemoteProtocolException($"The worker sent frame type {(byte)frame.Type}, which is not a reply.");
        }
    }
}
