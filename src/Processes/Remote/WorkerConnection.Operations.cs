using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>What each request does on the worker's runtime, and the payload of its result frame.</summary>
internal sealed partial class WorkerConnection
{
    // ValueTask: a call that completes synchronously (an inline task) allocates no Task per layer.
    private async ValueTask<Action<ProcessWriter>> ExecuteAsync(WorkerCall call, CancellationToken cancellationToken)
    {
        if (!call.Request.Queued)
        {
            return await ExecuteNowAsync(call, cancellationToken).ConfigureAwait(false);
        }

        // Waits its turn, taken in arrival order when the frame was read; cancelled while it waits,
        // it never starts and holds no slot.
        var slots = Volatile.Read(ref _runSlots);
        if (slots is null || call.SlotTurn is not { } turn)
        {
            throw new RemoteProtocolException("A queued run came before the connection set its run slots.");
        }

        await turn.ConfigureAwait(false);
        try
        {
            return await ExecuteNowAsync(call, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async ValueTask<Action<ProcessWriter>> ExecuteNowAsync(WorkerCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var client = Runtime;
        switch (request.Type)
        {
            case FrameType.Launch when request.WaitForOutputs && !request.Subscribe && Runtime.CanRunSerializedInline(request.ProcessName, request.LaunchOptions):
                // A task launched and awaited by one caller: run it inline, no tracked process needed.
                var inline = await Runtime.RunSerializedInlineAsync(request.ProcessName, request.Inputs, cancellationToken).ConfigureAwait(false);
                request.ReleaseInputs();
                return new InlineRunReply(inline).Write;
            case FrameType.Launch:
                // A launch the caller waits for is a run: its checkpoints follow the runtime's
                // retention rule for runs (deleted once it succeeds, unless the runtime keeps them).
                var launched = await Runtime.LaunchSerializedAsync(request.ProcessName, request.Inputs, request.LaunchOptions, asRun: request.WaitForOutputs).ConfigureAwait(false);
                request.ReleaseInputs();
                _worker.Recent.Add(launched);
                return request.WaitForOutputs
                    ? await WaitForOutputsAsync(call, launched, includeInputs: false, killOnCancel: true, cancellationToken).ConfigureAwait(false)
                    : StatusReply(launched.Status);
            case FrameType.Continue:
                var continued = await FindOrContinueAsync(request.Id, request.ContinueOptions, cancellationToken).ConfigureAwait(false);
                return request.WaitForOutputs
                    ? await WaitForOutputsAsync(call, continued, includeInputs: true, killOnCancel: false, cancellationToken).ConfigureAwait(false)
                    : StatusReply(continued.Status);
            case FrameType.Wait:
                var awaited = await FindOrContinueAsync(request.Id, options: null, cancellationToken).ConfigureAwait(false);
                return await WaitForOutputsAsync(call, awaited, includeInputs: true, killOnCancel: false, cancellationToken).ConfigureAwait(false);
            case FrameType.Pause:
                return ControlReply(_worker.Recent.TryGet(request.Id, out var toPause)
                    ? await toPause.PauseAsync(request.Message).ConfigureAwait(false)
                    : await client.PauseAsync(request.Id, request.Message, cancellationToken).ConfigureAwait(false));
            case FrameType.Play:
                return ControlReply(_worker.Recent.TryGet(request.Id, out var toPlay)
                    ? await toPlay.PlayAsync().ConfigureAwait(false)
                    : await client.PlayAsync(request.Id, cancellationToken).ConfigureAwait(false));
            case FrameType.Kill:
                return ControlReply(_worker.Recent.TryGet(request.Id, out var toKill)
                    ? await toKill.KillAsync(request.Message, request.Force).ConfigureAwait(false)
                    : await client.KillAsync(request.Id, request.Message, request.Force, cancellationToken).ConfigureAwait(false));
            case FrameType.Status:
                var status = _worker.Recent.TryGet(request.Id, out var known)
                    ? known.Status
                    : await client.GetStatusAsync(request.Id, cancellationToken).ConfigureAwait(false);
                return request.StatusDetails ? writer => WireCodec.WriteStatus(writer, status, details: true) : StatusReply(status);
            case FrameType.List:
                var statuses = await client.ListAsync(cancellationToken).ConfigureAwait(false);
                var details = request.StatusDetails;
                return writer => WireCodec.WriteStatusList(writer, statuses, details);
            case FrameType.PauseAll:
                return CountReply(await client.PauseAllAsync(request.Message, cancellationToken).ConfigureAwait(false));
            case FrameType.PlayAll:
                return CountReply(await client.PlayAllAsync(cancellationToken).ConfigureAwait(false));
            case FrameType.KillAll:
                return CountReply(await client.KillAllAsync(request.Message, cancellationToken).ConfigureAwait(false));
            case FrameType.RaiseEvent:
                var raised = request.JsonPayload
                    ? await Runtime.RaiseEventAsync(request.Id, request.EventName!, request.EventPayloadType ?? "", System.Text.Encoding.UTF8.GetString(request.EventPayload), cancellationToken).ConfigureAwait(false)
                    : await Runtime.RaiseEventCoreAsync(request.Id, request.EventName, request.EventPayloadType, request.EventPayload, cancellationToken).ConfigureAwait(false);
                return writer => WireCodec.WriteEventResult(writer, raised);
            case FrameType.SharedStateGet or FrameType.SharedStateReplace or FrameType.SharedStateWait or FrameType.SharedStateApply:
                return await request.SharedState!.ExecuteAsync(Runtime.SharedStateEngine, Runtime.Registry, cancellationToken).ConfigureAwait(false);
            case FrameType.RunSlots:
                if (Interlocked.CompareExchange(ref _runSlots, new SemaphoreSlim(request.RunSlots, request.RunSlots), null) is not null)
                {
                    throw new InvalidOperationException("This connection's run slots are already set.");
                }

                return static _ => { };
            case FrameType.Watch:
                await StreamStatusesAsync(call.Request, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return static _ => { }; // The runtime stopped: an empty result ends the client's watch.
            default:
                throw new InvalidOperationException($"{request.Type} is not a request.");
        }
    }

    /// <summary>
    /// A process this worker knows (launched or continued here, possibly terminated), else one
    /// running in the runtime, else the process continued from its checkpoint as
    /// <paramref name="options"/> say (waiting for another owner, from an earlier checkpoint, or
    /// retried after it failed: then a terminated process it knows is not the answer).
    /// </summary>
    private async Task<ProcessHandle> FindOrContinueAsync(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken)
    {
        if ((_worker.Recent.TryGet(id, out var known) || Runtime.TryGetProcess(id, out known))
            && !(options is { RetryExcepted: true } && known.State.IsTerminal()))
        {
            return known;
        }

        var continued = await Runtime.ContinueAsync(id, options, cancellationToken).ConfigureAwait(false);
        _worker.Recent.Replace(continued);
        return continued;
    }

    /// <summary>
    /// Waits for the process to terminate (pushing its status on every state change when the
    /// call subscribed) and replies with its status, inputs (when the client has none) and outputs.
    /// A failed process throws its typed exception, which becomes the error frame.
    /// </summary>
    private async Task<Action<ProcessWriter>> WaitForOutputsAsync(
        WorkerCall call, ProcessHandle handle, bool includeInputs, bool killOnCancel, CancellationToken cancellationToken)
    {
        var updates = call.Request.Subscribe ? new StatusPump(this, call.Request.CorrelationId, handle) : null;
        try
        {
            await handle.GetOutputsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (killOnCancel && call.CancelledByClient)
        {
            // Only the caller knew this process: when it gives up, the process must not run on
            // unobserved. A lost connection or a stopping worker is not a decision to kill it.
            await handle.KillAsync("The remote caller cancelled the run.").ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (updates is not null)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }

        var status = handle.Status;
        return writer =>
        {
            WireCodec.WriteStatus(writer, status);
            writer.WriteBoolean(includeInputs);
            if (includeInputs)
            {
                WriteSection(writer, w => Runtime.WriteInputs(handle, w));
            }

            WriteSection(writer, w => Runtime.WriteOutputs(handle, w));
        };
    }

    /// <summary>
    /// Sends a status frame for every state change the watch sees, one after another (so the client
    /// never sees an older state after a newer one), until the client cancels the call, the
    /// connection closes or the runtime stops. A watch has no result frame.
    /// </summary>
    private async Task StreamStatusesAsync(WorkerRequest request, CancellationToken cancellationToken)
    {
        using var watch = new Runtime.RuntimeStatusWatch(Runtime, request.WatchedId);
        using var ended = cancellationToken.UnsafeRegister(static state => ((Runtime.RuntimeStatusWatch)state!).Dispose(), watch);
        if (request.WatchFromCurrent)
        {
            await watch.QueueCurrentAsync(cancellationToken).ConfigureAwait(false);
        }

        await foreach (var status in watch.Statuses.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await TrySendAsync(FrameType.StatusUpdate, request.CorrelationId, writer => WireCodec.WriteStatus(writer, status)).ConfigureAwait(false);
        }
    }

    private static void WriteSection(ProcessWriter writer, Action<ProcessWriter> write)
    {
        var mark = writer.BeginLengthPrefixed();
        write(writer);
        writer.EndLengthPrefixed(mark);
    }

    private static Action<ProcessWriter> StatusReply(ProcessStatus status) => writer => WireCodec.WriteStatus(writer, status);

    private static Action<ProcessWriter> ControlReply(ProcessControlResult result) => writer => WireCodec.WriteControlResult(writer, result);

    private static Action<ProcessWriter> CountReply(int count) => writer => writer.WriteInt32(count);

    /// <summary>
    /// Pushes a status frame for every state change of one process, in order, until disposed
    /// (each send waits for the previous one, so a client never sees an older state after a newer one).
    /// </summary>
    private sealed class StatusPump : IAsyncDisposable
    {
        private readonly WorkerConnection _connection;
        private readonly long _correlationId;
        private readonly ProcessHandle _handle;
        private readonly object _gate = new();
        private Task _tail = Task.CompletedTask;

        public StatusPump(WorkerConnection connection, long correlationId, ProcessHandle handle)
        {
            _connection = connection;
            _correlationId = correlationId;
            _handle = handle;
            handle.StateChanged += OnStateChanged;
            Post(handle.Status);
        }

        public async ValueTask DisposeAsync()
        {
            _handle.StateChanged -= OnStateChanged;
            Task tail;
            lock (_gate)
            {
                tail = _tail;
            }

            await tail.ConfigureAwait(false);
        }

        private void OnStateChanged(object? sender, ProcessStateChangedEventArgs change) => Post(_handle.Status);

        private void Post(ProcessStatus status)
        {
            lock (_gate)
            {
                _tail = SendAfterAsync(_tail, status);
            }
        }

        private async Task SendAfterAsync(Task previous, ProcessStatus status)
        {
            await previous.ConfigureAwait(false);
            await _connection.TrySendAsync(FrameType.StatusUpdate, _correlationId, writer => WireCodec.WriteStatus(writer, status)).ConfigureAwait(false);
        }
    }
}
