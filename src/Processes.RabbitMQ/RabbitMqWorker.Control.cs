using System;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Processes.RabbitMQ.Messages;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>
/// Answering control calls: for the processes this worker owns (routed to it by id), for any
/// process from the store (calls nobody's route took), and broadcasts to every worker.
/// </summary>
public sealed partial class RabbitMqWorker
{
    private Task OnControlAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var kind = delivery.BasicProperties.Type ?? "";
        var replyTo = delivery.BasicProperties.ReplyTo;
        var correlationId = delivery.BasicProperties.CorrelationId;
        var body = delivery.Body.ToArray();
        // Not tracked for draining: a wait may be held for a long poll, and answers need no ack.
        _ = Task.Run(() => AnswerControlAsync(kind, replyTo, correlationId, body));
        return Task.CompletedTask;
    }

    private async Task AnswerControlAsync(string kind, string? replyTo, string? correlationId, byte[] body)
    {
        byte[] answer;
        try
        {
            answer = await ExecuteControlAsync(ControlRequest.Decode(kind, body)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Every failure is the caller's typed answer, as over pipes.
            answer = Replies.Error(exception);
        }

        await ReplyAsync(replyTo, correlationId, answer).ConfigureAwait(false);
    }

    private async Task<byte[]> ExecuteControlAsync(ControlRequest request)
    {
        var owned = _owned.TryGetValue(request.Id, out var handle) || _runtime.TryGetProcess(request.Id, out handle);
        switch (request.Kind)
        {
            case MessageKind.Wait:
                return owned ? await WaitHereAsync(handle!, request.LongPoll).ConfigureAwait(false) : await WaitFromStoreAsync(request.Id).ConfigureAwait(false);
            case MessageKind.Status:
                var status = owned ? handle!.Status : await _runtime.ReadStatusAsync(request.Id, default).ConfigureAwait(false);
                return Replies.Ok(writer => WireCodec.WriteStatus(writer, status, details: true));
            case MessageKind.Pause:
                return ControlReply(owned ? await handle!.PauseAsync(request.Message).ConfigureAwait(false) : await _runtime.PauseAsync(request.Id, request.Message).ConfigureAwait(false));
            case MessageKind.Play:
                return ControlReply(owned ? await handle!.PlayAsync().ConfigureAwait(false) : await _runtime.PlayAsync(request.Id).ConfigureAwait(false));
            case MessageKind.Kill:
                return ControlReply(owned ? await handle!.KillAsync(request.Message, request.Force).ConfigureAwait(false) : await _runtime.KillAsync(request.Id, request.Message, request.Force).ConfigureAwait(false));
            case MessageKind.List:
                var statuses = await ((IProcessClient)_runtime).ListAsync().ConfigureAwait(false);
                return Replies.Ok(writer => WireCodec.WriteStatusList(writer, statuses, details: true));
            case MessageKind.PauseAll:
                return CountReply(await _runtime.PauseAllAsync(request.Message).ConfigureAwait(false));
            case MessageKind.PlayAll:
                return CountReply(await _runtime.PlayAllAsync().ConfigureAwait(false));
            case MessageKind.KillAll:
                return CountReply(await _runtime.KillAllAsync(request.Message).ConfigureAwait(false));
            case MessageKind.RaiseEvent when !string.IsNullOrWhiteSpace(request.Message):
                // The owner delivers it to the live process; any worker stores it into the checkpoint of one nobody runs.
                var raised = await _runtime.RaiseEventCoreAsync(request.Id, request.Message, request.PayloadType, request.Payload, default).ConfigureAwait(false);
                return Replies.Ok(writer => WireCodec.WriteEventResult(writer, raised));
            case MessageKind.RaiseEventJson when !string.IsNullOrWhiteSpace(request.Message):
                // Read as the named payload type by this worker's registry (every error a PortValidationException), then as above.
                var raisedJson = await _runtime.RaiseEventAsync(request.Id, request.Message, request.PayloadType ?? "", System.Text.Encoding.UTF8.GetString(request.Payload), default).ConfigureAwait(false);
                return Replies.Ok(writer => WireCodec.WriteEventResult(writer, raisedJson));
            default:
                throw new Remote.RemoteProtocolException($"'{request.Kind}' is not a control call.");
        }
    }

    /// <summary>Holds a wait up to the long poll: the outputs (or the typed failure) if the process terminates meanwhile, else "still running".</summary>
    private async Task<byte[]> WaitHereAsync(ProcessHandle handle, TimeSpan longPoll)
    {
        try
        {
            await handle.WaitForTerminationAsync().AsTask().WaitAsync(longPoll).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Replies.Bare(ReplyOutcome.StillRunning);
        }

        return handle.State.IsTerminal() ? await OutputsReplyAsync(handle, includeInputs: true).ConfigureAwait(false) : Replies.Bare(ReplyOutcome.NotRunning);
    }

    /// <summary>A wait nobody's route took: the outputs of a terminated process from its checkpoint, else "not running" (queued, or between owners).</summary>
    private async Task<byte[]> WaitFromStoreAsync(ProcessId id)
    {
        ProcessStatus status;
        try
        {
            status = await _runtime.ReadStatusAsync(id, default).ConfigureAwait(false);
        }
        catch (CheckpointNotFoundException)
        {
            return Replies.Bare(ReplyOutcome.NotRunning);
        }

        if (!status.State.IsTerminal())
        {
            return Replies.Bare(ReplyOutcome.NotRunning);
        }

        // A terminated process is only read from its checkpoint (no lease, not started).
        var terminated = await _runtime.ContinueAsync(id).ConfigureAwait(false);
        return await OutputsReplyAsync(terminated, includeInputs: true).ConfigureAwait(false);
    }

    /// <summary>The outputs answer (status, inputs section when asked, outputs section, as over pipes), or the typed failure.</summary>
    private async Task<byte[]> OutputsReplyAsync(ProcessHandle handle, bool includeInputs)
    {
        try
        {
            await handle.GetOutputsAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ProcessException)
        {
            return Replies.Error(exception);
        }

        var status = handle.Status;
        return Replies.Ok(writer =>
        {
            WireCodec.WriteStatus(writer, status);
            writer.WriteBoolean(includeInputs);
            if (includeInputs)
            {
                WriteSection(writer, section => _runtime.WriteInputs(handle, section));
            }

            WriteSection(writer, section => _runtime.WriteOutputs(handle, section));
        });
    }

    private static void WriteSection(ProcessWriter writer, Action<ProcessWriter> write)
    {
        var mark = writer.BeginLengthPrefixed();
        write(writer);
        writer.EndLengthPrefixed(mark);
    }

    private static byte[] ControlReply(ProcessControlResult result) => Replies.Ok(writer => WireCodec.WriteControlResult(writer, result));

    private static byte[] CountReply(int count) => Replies.Ok(writer => writer.WriteInt32(count));

    /// <summary>Sends an answer to a caller's reply queue; nothing when nobody asked.</summary>
    private async Task ReplyAsync(string? replyTo, string? correlationId, byte[] answer)
    {
        if (string.IsNullOrEmpty(replyTo) || _publisher is null)
        {
            return;
        }

        try
        {
            var properties = new BasicProperties { Type = MessageKind.Reply, CorrelationId = correlationId };
            await _publisher.BasicPublishAsync("", replyTo, mandatory: false, properties, answer).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
        {
            // The caller waits by id again after a lost connection; a run asks its result anew.
            WorkerLog.ControlFailed(_logger, MessageKind.Reply, exception);
        }
    }
}
