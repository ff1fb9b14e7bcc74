using System;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>
/// One client connection of a worker: the handshake, then a read loop that parses each request
/// frame and runs it concurrently with the others. A malformed frame ends this connection (and
/// cancels its calls); the worker and its other connections carry on.
/// </summary>
internal sealed partial class WorkerConnection
{
    private readonly ProcessWorker _worker;
    private readonly FrameChannel _channel;
    private readonly long _number;
    private readonly ConcurrentDictionary<long, WorkerCall> _calls = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly RecentStrings _processNames = new(8);

    public WorkerConnection(ProcessWorker worker, NamedPipeServerStream stream, long number)
    {
        _worker = worker;
        _number = number;
        _channel = new FrameChannel(stream, worker.Options.MaxFrameBytes, worker.Options.FrameTimeout);
    }

    private ProcessRuntime Runtime => _worker.Runtime;

    public async Task RunAsync(bool refuse, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        var token = linked.Token;
        try
        {
            if (refuse)
            {
                await RefuseAsync(new RemoteProcessException($"The worker already serves {_worker.Options.MaxConnections} connections.")).ConfigureAwait(false);
                return;
            }

            if (!await HandshakeAsync(token).ConfigureAwait(false))
            {
                return;
            }

            RemoteLog.Accepted(_worker.Logger, _number);
            while (await _channel.ReadAsync(token).ConfigureAwait(false) is { } frame)
            {
                Dispatch(frame);
            }
        }
        catch (RemoteProtocolException exception)
        {
            RemoteLog.MalformedFrame(_worker.Logger, exception, _number);
            await TrySendAsync(FrameType.Error, 0, writer => RemoteErrors.Write(writer, exception)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The worker is stopping.
        }
        catch (IOException)
        {
            // The client went away; nothing to tell anyone.
        }
        catch (Exception exception)
        {
            RemoteLog.ConnectionFailed(_worker.Logger, exception, _number);
        }
        finally
        {
            await _closing.CancelAsync().ConfigureAwait(false);
            await _channel.DisposeAsync().ConfigureAwait(false);
            RemoteLog.Closed(_worker.Logger, _number);
        }
    }

    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_worker.Options.HandshakeTimeout);
        var secret = _worker.Options.SharedSecret;
        var nonce = secret is null ? Handshake.UnusedNonce : Handshake.NewNonce();
        try
        {
            await _channel.SendAsync(FrameType.Hello, FrameFlags.None, 0, writer => Handshake.WriteHello(writer, secret is not null, nonce)).ConfigureAwait(false);
            using var frame = await _channel.ReadAsync(FrameFormat.MaxHandshakeFrameBytes, timeout.Token).ConfigureAwait(false);
            if (frame is null)
            {
                return false;
            }

            if (frame.Type != FrameType.Proof)
            {
                throw new RemoteProtocolException($"The first client frame must be a proof, not frame type {(byte)frame.Type}.");
            }

            byte[]? proof;
            try
            {
                proof = Handshake.ReadProof(frame.Payload);
            }
            catch (ProcessSerializationException exception)
            {
                throw new RemoteProtocolException("The proof frame is malformed: " + exception.Message, exception);
            }

            if (secret is not null && !Handshake.Verify(secret, nonce, proof))
            {
                await RefuseAsync(new RemoteAuthenticationException(proof is null
                    ? "The worker requires a shared secret and the client sent none."
                    : "The client's proof of the shared secret is wrong.")).ConfigureAwait(false);
                return false;
            }

            await _channel.SendAsync(FrameType.Welcome, FrameFlags.None, 0, null).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            RemoteLog.Refused(_worker.Logger, _number, "the handshake did not complete in time");
            return false;
        }
    }

    private async Task RefuseAsync(RemoteProcessException reason)
    {
        RemoteLog.Refused(_worker.Logger, _number, reason.Message);
        await TrySendAsync(FrameType.Error, 0, writer => RemoteErrors.Write(writer, reason)).ConfigureAwait(false);
    }

    /// <summary>Starts the call a frame asks for; takes ownership of the frame (a launch's request keeps it for its inputs).</summary>
    private void Dispatch(Frame frame)
    {
        if (frame.Type == FrameType.Cancel || !WorkerRequest.IsRequest(frame.Type) || frame.CorrelationId <= 0)
        {
            using (frame)
            {
                DispatchControlFrame(frame);
                return;
            }
        }

        var request = WorkerRequest.Parse(frame, _processNames);
        if (_calls.Count >= _worker.Options.MaxConcurrentCallsPerConnection)
        {
            request.ReleaseInputs();
            var busy = new InvalidOperationException($"This connection already has {_worker.Options.MaxConcurrentCallsPerConnection} calls in flight.");
            _ = request.NoReply ? Task.CompletedTask : TrySendAsync(FrameType.Error, request.CorrelationId, writer => RemoteErrors.Write(writer, busy));
            return;
        }

        var call = new WorkerCall(request, _closing.Token);
        if (!_calls.TryAdd(request.CorrelationId, call))
        {
            call.Dispose();
            throw new RemoteProtocolException($"Correlation id {request.CorrelationId} is already in use by a call in flight.");
        }

        _ = HandleAsync(call);
    }

    /// <summary>A cancel, or a frame that is no request at all (which ends the connection).</summary>
    private void DispatchControlFrame(Frame frame)
    {
        if (frame.Type == FrameType.Cancel)
        {
            if (_calls.TryGetValue(frame.CorrelationId, out var cancelled))
            {
                RemoteLog.CallCancelled(_worker.Logger, _number, frame.CorrelationId);
                cancelled.CancelByClient();
            }

            // A cancel for a call that already ended is a normal race, not an error.
            return;
        }

        if (!WorkerRequest.IsRequest(frame.Type))
        {
            throw new RemoteProtocolException($"Frame type {(byte)frame.Type} is not something a client may send.");
        }

        throw new RemoteProtocolException($"Correlation id {frame.CorrelationId} is reserved; calls use positive ids.");
    }

    private async Task HandleAsync(WorkerCall call)
    {
        // Off the read loop at once, so a slow call never delays reading the next frame.
        await Task.Yield();
        var request = call.Request;
        var cancellation = call.Cancellation;
        try
        {
            var reply = await ExecuteAsync(call, cancellation.Token).ConfigureAwait(false);
            if (!request.NoReply)
            {
                await TrySendAsync(FrameType.Result, request.CorrelationId, reply).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Cancelled by the client (which no longer waits for an answer) or by the connection closing.
        }
        catch (Exception exception)
        {
            if (request.NoReply)
            {
                RemoteLog.NoReplyCallFailed(_worker.Logger, exception, _number, request.CorrelationId, request.Type.ToString());
            }
            else
            {
                await TrySendAsync(FrameType.Error, request.CorrelationId, writer => RemoteErrors.Write(writer, exception)).ConfigureAwait(false);
            }
        }
        finally
        {
            _calls.TryRemove(request.CorrelationId, out _);
            call.Dispose();
        }
    }

    /// <summary>Sends a frame unless the connection is gone; a failed send only means the client left.</summary>
    private async Task TrySendAsync(FrameType type, long correlationId, Action<ProcessWriter>? payload)
    {
        try
        {
            await _channel.SendAsync(type, FrameFlags.None, correlationId, payload).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
        catch (RemoteProtocolException exception)
        {
            // The reply itself is too large for a frame: tell the caller instead of leaving it waiting.
            if (type == FrameType.Result)
            {
                await TrySendAsync(FrameType.Error, correlationId, writer => RemoteErrors.Write(writer, new InvalidOperationException(exception.Message))).ConfigureAwait(false);
            }
        }
    }
}
