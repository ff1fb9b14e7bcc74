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
        var sink = new ReplySink(this);
        try
        {
            while (await _channel.ReadAsync(_closing.Token).ConfigureAwait(false) is { } frame)
            {
                var handedOver = false;
                bool goOn;
                try
                {
                    goOn = OnFrame(frame.Type, frame.CorrelationId, frame.Payload, frame, ref handedOver);
                }
                finally
                {
                    // A result frame now belongs to its call, which returns the buffer after reading it.
                    if (!handedOver)
                    {
                        frame.Dispose();
                    }
                }

                // The frames that came with it in the same read, where they lie in the read buffer.
                while (goOn && _channel.TryHandBufferedFrame(sink, out goOn))
                {
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
    /// Handles one frame from the worker; returns false when the connection is over. The payload
    /// is valid during the call only, unless it came in <paramref name="frame"/>: then a waiting call
    /// may take the frame (and with it its buffer), which sets <paramref name="handedOver"/>.
    /// </summary>
    private bool OnFrame(FrameType type, long correlationId, ReadOnlySpan<byte> payload, Frame? frame, ref bool handedOver)
    {
        switch (type)
        {
            case FrameType.Result:
                if (TryRemovePending(correlationId, out var done))
                {
                    if (frame is not null)
                    {
                        handedOver = true;
                        done.Complete(frame);
                    }
                    else
                    {
                        done.Complete(payload);
                    }
                }

                // A reply to a call no longer waiting (cancelled meanwhile) is dropped.
                return true;
            case FrameType.Error when correlationId == 0:
                Fail(ReadError(payload));
                return false;
            case FrameType.Error:
                if (TryRemovePending(correlationId, out var failed))
                {
                    failed.Fail(ReadError(payload));
                }

                return true;
            case FrameType.StatusUpdate:
                if (TryGetPending(correlationId, out var subscribed) && subscribed.Progress is { } progress)
                {
                    var reader = new ProcessReader(payload);
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
                throw new RemoteProtocolException($"The worker sent frame type {(byte)type}, which is not a reply.");
        }
    }

    /// <summary>Hands the frames buffered behind the one just read to <see cref="OnFrame"/> where they lie.</summary>
    private sealed class ReplySink(ProcessClient client) : IFrameSink
    {
        public bool OnFrame(FrameType type, FrameFlags flags, long correlationId, ReadOnlySpan<byte> payload)
        {
            var handedOver = false;
            return client.OnFrame(type, correlationId, payload, frame: null, ref handedOver);
        }
    }
}
