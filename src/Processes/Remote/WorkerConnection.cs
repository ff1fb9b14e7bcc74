using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;
using Processes.Diagnostics;
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
    // The calls in flight by correlation id, under its own lock: a plain dictionary costs a call
    // nothing but its entry (a concurrent one allocates a node per call), and every use is short.
    private readonly Dictionary<long, WorkerCall> _calls = new();

    // The number of calls in _calls, read without the lock by the read loop's limit check.
    private int _callsInFlight;
    private readonly CancellationTokenSource _closing = new();
    private readonly RecentStrings _processNames = new(8);

    // Runs a call off the read loop (the one delegate every call of this connection shares).
    private readonly Action<WorkerCall> _runCall;

    // The connection's run slots (FrameType.RunSlots): queued runs take one while they run.
    private SemaphoreSlim? _runSlots;

    // Cancelled when the worker drops this connection's handshake to make room for a newer one.
    private readonly CancellationTokenSource _handshakeDropped = new();
    private int _handshakeState;
    private bool _admitted;

    public WorkerConnection(ProcessWorker worker, NamedPipeServerStream stream, long number)
    {
        _worker = worker;
        _number = number;
        _channel = new FrameChannel(stream, worker.Options.MaxFrameBytes, worker.Options.FrameTimeout);
        _runCall = call => _ = HandleAsync(call);
    }

    private const int HandshakePending = 0, HandshakeAdmitted = 1, HandshakeDropped = 2, HandshakeEnded = 3;

    /// <summary>
    /// How long a refused connection stays open for its client to read the refusal and close
    /// first. Closing at once could break the pipe under a client still sending its proof, which
    /// would then see "Broken pipe" instead of the reason.
    /// </summary>
    private static readonly TimeSpan RefusalLinger = TimeSpan.FromSeconds(1);

    /// <summary>The node of this connection in the worker's list of pending handshakes; guarded by that list's lock.</summary>
    public LinkedListNode<WorkerConnection>? PendingHandshake { get; set; }

    private ProcessRuntime Runtime => _worker.Runtime;

    /// <summary>Ends the handshake with a refusal unless it has already ended; called by the worker's accept loop.</summary>
    public void DropHandshake()
    {
        if (Interlocked.CompareExchange(ref _handshakeState, HandshakeDropped, HandshakePending) == HandshakePending)
        {
            _handshakeDropped.Cancel();
        }
    }

    public async Task RunAsync(bool refuse, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        var token = linked.Token;
        try
        {
            if (refuse)
            {
                await RefuseAsync(WorkerFull(), stopping).ConfigureAwait(false);
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
            LeaveHandshake();
            if (_admitted)
            {
                _worker.Admission.Release();
            }

            await _closing.CancelAsync().ConfigureAwait(false);
            CancelCalls();
            await _channel.DisposeAsync().ConfigureAwait(false);
            RemoteLog.Closed(_worker.Logger, _number);
        }
    }

    private async Task<bool> HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _handshakeDropped.Token);
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
                LeaveHandshake();
                await RefuseAsync(
                    new RemoteAuthenticationException(proof is null
                        ? "The worker requires a shared secret and the client sent none."
                        : "The client's proof of the shared secret is wrong."),
                    cancellationToken).ConfigureAwait(false);
                return false;
            }

            if (TryAdmit() is { } busy)
            {
                await RefuseAsync(busy, cancellationToken).ConfigureAwait(false);
                return false;
            }

            var features = _worker.Options.Features;
            await _channel.SendAsync(FrameType.Welcome, FrameFlags.None, 0, writer => writer.WriteByte((byte)features)).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (_handshakeDropped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LeaveHandshake();
            await RefuseAsync(HandshakeDroppedError(), cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            RemoteLog.Refused(_worker.Logger, _number, "the handshake did not complete in time");
            return false;
        }
        finally
        {
            LeaveHandshake();
        }
    }

    /// <summary>Moves from the handshake budget to an authenticated slot; returns the refusal when that is not possible.</summary>
    private RemoteWorkerBusyException? TryAdmit()
    {
        if (Interlocked.CompareExchange(ref _handshakeState, HandshakeAdmitted, HandshakePending) != HandshakePending)
        {
            // Dropped for a newer connection just as the proof arrived.
            return HandshakeDroppedError();
        }

        _worker.Admission.EndHandshake(this);
        _admitted = _worker.Admission.TryAdmit();
        return _admitted ? null : WorkerFull();
    }

    /// <summary>Stops counting this connection as in the handshake (idempotent), so a later drop does nothing.</summary>
    private void LeaveHandshake()
    {
        Interlocked.CompareExchange(ref _handshakeState, HandshakeEnded, HandshakePending);
        _worker.Admission.EndHandshake(this);
    }

    private RemoteWorkerBusyException WorkerFull() =>
        new($"The worker already serves {_worker.Options.MaxConnections} connections (MaxConnections).");

    private RemoteWorkerBusyException HandshakeDroppedError() =>
        new($"More than {_worker.Options.MaxPendingHandshakes} connections were in the handshake at once (MaxPendingHandshakes); this one had waited longest and was dropped.");

    /// <summary>
    /// Sends the refusal, then waits (briefly, and only while few others do) for the client to
    /// read it and close, discarding whatever it still sends: see <see cref="RefusalLinger"/>.
    /// </summary>
    private async Task RefuseAsync(RemoteProcessException reason, CancellationToken cancellationToken)
    {
        RemoteLog.Refused(_worker.Logger, _number, reason.Message);
        await TrySendAsync(FrameType.Error, 0, writer => RemoteErrors.Write(writer, reason)).ConfigureAwait(false);
        if (!_worker.Admission.TryBeginLinger())
        {
            return;
        }

        try
        {
            using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            linger.CancelAfter(RefusalLinger);
            while (await _channel.DiscardAsync(linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client did not close in time, or the worker is stopping: close now.
        }
        finally
        {
            _worker.Admission.EndLinger();
        }
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
        if (Volatile.Read(ref _callsInFlight) >= _worker.Options.MaxConcurrentCallsPerConnection)
        {
            request.ReleaseInputs();
            var busy = new InvalidOperationException($"This connection already has {_worker.Options.MaxConcurrentCallsPerConnection} calls in flight.");
            _ = request.NoReply ? Task.CompletedTask : TrySendAsync(FrameType.Error, request.CorrelationId, writer => RemoteErrors.Write(writer, busy));
            return;
        }

        // The call's cancellation is its own, not linked to the connection's: the connection cancels
        // its calls when it closes (CancelCalls), which saves every call a registration on one shared source.
        var call = new WorkerCall(request, _runCall);
        bool added;
        lock (_calls)
        {
            added = _calls.TryAdd(request.CorrelationId, call);
        }

        if (!added)
        {
            call.Dispose();
            throw new RemoteProtocolException($"Correlation id {request.CorrelationId} is already in use by a call in flight.");
        }

        Interlocked.Increment(ref _callsInFlight);

        if (request.Queued && Volatile.Read(ref _runSlots) is { } slots)
        {
            call.SlotTurn = slots.WaitAsync(call.Cancellation.Token);
        }

        // Off the read loop at once, so a slow call never delays reading the next frame; queued
        // behind the work already waiting (as the write of posted replies is), in arrival order (a
        // launch sent before a status request starts first), and run without an async state
        // machine of its own when the call completes synchronously (an inline task).
        ThreadPool.UnsafeQueueUserWorkItem(call, preferLocal: false);
    }

    /// <summary>Cancels every call still in flight: the connection has closed (or the worker is stopping).</summary>
    private void CancelCalls()
    {
        WorkerCall[] calls;
        lock (_calls)
        {
            calls = [.. _calls.Values];
        }

        foreach (var call in calls)
        {
            call.CancelForClosing();
        }
    }

    /// <summary>A cancel, or a frame that is no request at all (which ends the connection).</summary>
    private void DispatchControlFrame(Frame frame)
    {
        if (frame.Type == FrameType.Cancel)
        {
            WorkerCall? cancelled;
            lock (_calls)
            {
                _calls.TryGetValue(frame.CorrelationId, out cancelled);
            }

            if (cancelled is not null)
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
        var request = call.Request;
        var cancellation = call.Cancellation;
        // Current while the call runs, so a process it launches runs under the caller's trace.
        using var activity = RemoteActivities.StartServerCall(request, _worker.Options.PipeName);
        try
        {
            var reply = await ExecuteAsync(call, cancellation.Token).ConfigureAwait(false);
            if (!request.NoReply)
            {
                // Posted, not awaited: the replies of the calls read in one batch go out in one write.
                TryPostResult(request.CorrelationId, reply);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Cancelled by the client (which no longer waits for an answer) or by the connection closing.
        }
        catch (Exception exception)
        {
            if (activity is not null)
            {
                ProcessesActivities.RecordException(activity, exception);
            }

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
            bool removed;
            lock (_calls)
            {
                removed = _calls.Remove(request.CorrelationId);
            }

            if (removed)
            {
                Interlocked.Decrement(ref _callsInFlight);
            }
            call.Dispose();
        }
    }

    /// <summary>
    /// Queues a call's result frame for the channel's next write (see <see cref="FrameChannel.Post(ProcessWriter)"/>)
    /// unless the connection is gone. A result too large for a frame is answered with an error
    /// frame instead, so the caller is not left waiting. A payload that fails to write (an output
    /// that throws while it is serialized, <see cref="InvalidOperationException"/> included) throws
    /// to the caller, which answers with an error frame.
    /// </summary>
    private void TryPostResult(long correlationId, Action<ProcessWriter> payload)
    {
        try
        {
            _channel.Post(FrameType.Result, FrameFlags.None, correlationId, payload);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The connection is gone: nobody waits for the reply any more.
        }
        catch (RemoteProcessException exception) when (exception is RemoteFrameTooLargeException or RemoteProtocolException)
        {
            var tooLarge = new InvalidOperationException(exception.Message);
            try
            {
                _channel.Post(FrameType.Error, FrameFlags.None, correlationId, writer => RemoteErrors.Write(writer, tooLarge));
            }
            catch (Exception failure) when (failure is IOException or ObjectDisposedException or InvalidOperationException)
            {
            }
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
        catch (RemoteProcessException exception) when (exception is RemoteFrameTooLargeException or RemoteProtocolException)
        {
            // The reply itself is too large for a frame: tell the caller instead of leaving it waiting.
            if (type == FrameType.Result)
            {
                await TrySendAsync(FrameType.Error, correlationId, writer => RemoteErrors.Write(writer, new InvalidOperationException(exception.Message))).ConfigureAwait(false);
            }
        }
    }
}
