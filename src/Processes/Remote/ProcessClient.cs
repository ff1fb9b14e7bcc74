using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Pipes;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Processes.Diagnostics;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>
/// A connection to a <see cref="ProcessWorker"/>: the typed remote proxy. Many calls may run at
/// once on one connection; each is matched to its reply by a correlation id. Failures arrive as
/// the same exception types the in-process runtime throws; transport and protocol failures as
/// <see cref="RemoteProcessException"/>. See docs/remote.md.
/// <code>
/// await using var client = await ProcessClient.ConnectAsync("squares", new() { SharedSecret = secret });
/// var square = await client.RunAsync(new Square { X = 7 });   // square.Result == 49
/// </code>
/// </summary>
public sealed partial class ProcessClient : IProcessClient, IAsyncDisposable
{
    private readonly FrameChannel _channel;
    private readonly PendingCallTable _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _readLoop;
    private readonly WorkerFeatures _workerFeatures;
    private long _lastCorrelationId;
    private int _disposed;

    private ProcessClient(FrameChannel channel, string pipeName, WorkerFeatures workerFeatures)
    {
        _channel = channel;
        _workerFeatures = workerFeatures;
        PipeName = pipeName;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The pipe this client is connected to.</summary>
    public string PipeName { get; }

    /// <summary>False once the connection has closed or failed; calls then throw <see cref="RemoteProcessException"/>.</summary>
    public bool IsConnected => _pending.Failure is null;

    /// <summary>
    /// Connects to a worker and completes the handshake. Throws <see cref="RemoteAuthenticationException"/>
    /// when the worker refuses the secret (or its absence) and <see cref="RemoteProcessException"/>
    /// when no worker answers within <see cref="ProcessClientOptions.ConnectTimeout"/>.
    /// </summary>
    public static async Task<ProcessClient> ConnectAsync(string pipeName, ProcessClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipeName);
        options ??= new ProcessClientOptions();
        options.Validate();
        var pipeOptions = PipeOptions.Asynchronous | (options.CurrentUserOnly ? PipeOptions.CurrentUserOnly : PipeOptions.None);
        var stream = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, pipeOptions);
        var channel = new FrameChannel(stream, options.MaxFrameBytes, options.FrameTimeout);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await stream.ConnectAsync(timeout.Token).ConfigureAwait(false);
            var features = await HandshakeAsync(channel, options.SharedSecret, timeout.Token).ConfigureAwait(false);
            return new ProcessClient(channel, pipeName, features);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw new RemoteProcessException($"No worker answered on pipe '{pipeName}' within {options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or TimeoutException)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw new RemoteProcessException($"Could not connect to the worker on pipe '{pipeName}': {exception.Message}", exception);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool TryRemovePending(long id, [MaybeNullWhen(false)] out PendingCall call) => _pending.TryRemove(id, out call);

    private bool TryGetPending(long id, [MaybeNullWhen(false)] out PendingCall call) => _pending.TryGet(id, out call);

    private void Fail(Exception failure) => _pending.Fail(failure);

    private void ThrowIfFailed() => _pending.ThrowIfFailed();

    /// <summary>The flag that asks for status details, when the worker sends them (older workers do not).</summary>
    private FrameFlags StatusDetailsFlag => (_workerFeatures & WorkerFeatures.StatusDetails) != 0 ? FrameFlags.StatusDetails : FrameFlags.None;

    /// <summary>
    /// Starts a request frame: chooses its correlation id, starts the call's span, and writes the
    /// header and, for a worker that reads it, the trace context; the payload follows in <see cref="Request.Writer"/>.
    /// </summary>
    private Request BeginRequest(FrameType type, FrameFlags flags)
    {
        var id = Interlocked.Increment(ref _lastCorrelationId);
        var activity = RemoteActivities.StartClientCall(type, PipeName);
        var propagated = (_workerFeatures & WorkerFeatures.TraceContext) != 0 ? WireTraceContext.ToPropagate(activity) : null;
        if (propagated is not null)
        {
            flags |= FrameFlags.TraceContext;
        }

        var writer = new ProcessWriter(512);
        FrameFormat.Limit(writer, _channel.MaxFrameBytes);
        var mark = FrameFormat.Begin(writer, type, flags, id);
        if (propagated is not null)
        {
            WireTraceContext.Write(writer, propagated);
        }

        return new Request(writer, mark, id, activity);
    }

    /// <summary>Sends a request and waits for its result frame (the caller disposes it); an error frame throws its typed exception.</summary>
    private async Task<Frame> CallAsync(FrameType type, FrameFlags flags, Action<ProcessWriter> payload, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken)
    {
        var request = BeginRequest(type, flags);
        try
        {
            payload(request.Writer);
        }
        catch (WriterLimitExceededException exception)
        {
            request.Abandon();
            throw FrameFormat.TooLarge(exception, processName: null);
        }
        catch
        {
            request.Abandon();
            throw;
        }

        return await SendAsync(request, new FrameReplyCall(this, request.Id, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the request and waits for <paramref name="call"/>'s reply as <see cref="SendUntracedAsync"/>, ending the call's span (if any) with the outcome.</summary>
    private ValueTask<T> SendAsync<T>(Request request, ReplyCall<T> call, CancellationToken cancellationToken) =>
        request.Activity is null ? SendUntracedAsync(request, call, cancellationToken) : SendTracedAsync(request, call, cancellationToken);

    private async ValueTask<T> SendTracedAsync<T>(Request request, ReplyCall<T> call, CancellationToken cancellationToken)
    {
        using var activity = request.Activity!;
        try
        {
            return await SendUntracedAsync(request, call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ProcessesActivities.RecordException(activity, exception);
            throw;
        }
    }

    /// <summary>
    /// Completes <paramref name="request"/>, registers <paramref name="call"/>, queues the frame (the
    /// channel owns the writer from then on, so the payload is never copied out of it) and returns
    /// the call's awaitable reply. Everything up to the wait runs synchronously; a failure before
    /// the wait comes back as a faulted reply.
    /// </summary>
    private ValueTask<T> SendUntracedAsync<T>(Request request, ReplyCall<T> call, CancellationToken cancellationToken)
    {
        var id = request.Id;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfFailed();
            FrameFormat.End(request.Writer, request.Mark);
            if (cancellationToken.CanBeCanceled)
            {
                // The registration's callback refers to the call: it must not be recycled before the registration is disposed.
                call.ReleaseAfterUnregistering();
            }

            _pending.Add(call);
        }
        catch (Exception exception)
        {
            // The span, if any, ends in SendTracedAsync, which sees this exception.
            request.Writer.Dispose();
            return ValueTask.FromException<T>(exception);
        }

        ValueTask written;
        try
        {
            written = _channel.WriteAsync(request.Writer);
        }
        catch (Exception exception)
        {
            TryRemovePending(id, out _);
            return ValueTask.FromException<T>(exception is IOException or ObjectDisposedException
                ? new RemoteProcessException("Could not send to the worker: " + exception.Message, exception)
                : exception);
        }

        // The caller waits for the reply only: a write still queued behind others must not delay a
        // cancellation, and a write that fails fails the call.
        if (!written.IsCompletedSuccessfully)
        {
            _ = FailCallIfNotWrittenAsync(written, id);
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return call.Reply;
        }

        var registration = cancellationToken.UnsafeRegister(static state => ((PendingCall)state!).Client.CancelCall((PendingCall)state!), call);
        return WaitThenUnregisterAsync(call, registration);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<T> WaitThenUnregisterAsync<T>(ReplyCall<T> call, CancellationTokenRegistration registration)
    {
        try
        {
            return await call.Reply.ConfigureAwait(false);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            call.Release();
        }
    }

    /// <summary>Fails call <paramref name="id"/> if its frame could not be written (by id: the call object may have been recycled by then).</summary>
    private async Task FailCallIfNotWrittenAsync(ValueTask written, long id)
    {
        try
        {
            await written.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            if (TryRemovePending(id, out var call))
            {
                call.Fail(new RemoteProcessException("Could not send to the worker: " + exception.Message, exception));
            }
        }
    }

    /// <summary>Sends a fire-and-forget request: the worker sends no reply, so this completes once the frame is written.</summary>
    private async Task PostAsync(FrameType type, Action<ProcessWriter> payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFailed();
        var id = Interlocked.Increment(ref _lastCorrelationId);
        try
        {
            await _channel.SendAsync(type, FrameFlags.NoReply, id, payload).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            throw new RemoteProcessException("Could not send to the worker: " + exception.Message, exception);
        }
    }

    /// <summary>Stops waiting for a call and tells the worker, which stops the call (and kills a run it launched).</summary>
    private void CancelCall(PendingCall call)
    {
        if (TryRemovePending(call.Id, out _))
        {
            call.Cancel();
            _ = SendCancelAsync(call.Id);
        }
    }

    private async Task SendCancelAsync(long id)
    {
        try
        {
            await _channel.SendAsync(FrameType.Cancel, FrameFlags.None, id, null).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or RemoteProcessException)
        {
            // The connection is gone, and with it every call the cancel was meant for.
        }
    }

    /// <summary>A request frame being built: its writer (header written), the mark that completes the frame, its correlation id and its span.</summary>
    private readonly record struct Request(ProcessWriter Writer, int Mark, long Id, Activity? Activity)
    {
        /// <summary>Drops a request that will not be sent: returns its writer and ends its span.</summary>
        public void Abandon()
        {
            Writer.Dispose();
            Activity?.Dispose();
        }
    }
}
