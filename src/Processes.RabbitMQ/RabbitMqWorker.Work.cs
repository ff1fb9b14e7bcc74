using System;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Processes.RabbitMQ.Messages;
using Processes.Remote.Protocol;

namespace Processes.RabbitMQ;

/// <summary>Taking launches and continues from the work queues, and acknowledging them once their outcome is durable.</summary>
public sealed partial class RabbitMqWorker
{
    private Task OnWorkAsync(object sender, BasicDeliverEventArgs delivery)
    {
        // The handler must return at once (the client library delivers the next message after it):
        // the work runs in the background, with its own copy of the body.
        var work = new WorkDelivery(
            delivery.DeliveryTag,
            Interlocked.Read(ref _generation),
            delivery.Redelivered,
            delivery.BasicProperties.Type ?? "",
            delivery.BasicProperties.ReplyTo,
            delivery.BasicProperties.CorrelationId,
            delivery.Body.ToArray());
        Track(() => HandleWorkAsync(work));
        return Task.CompletedTask;
    }

    private async Task HandleWorkAsync(WorkDelivery delivery)
    {
        WorkMessage message;
        try
        {
            message = WorkMessage.Decode(delivery.Kind, delivery.Body);
        }
        catch (ProcessSerializationException exception)
        {
            WorkerLog.Malformed(_logger, delivery.Kind, exception);
            await SettleAsync(delivery, default, acknowledge: true).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _taken);
        // Executions created after this point read the store after this message was sent.
        var executionsBefore = Runtime.ExecutionSequence.Current;
        ProcessHandle handle;
        try
        {
            // Routed to this worker before it starts, so no control call finds it unowned.
            await BindAsync(message.Id).ConfigureAwait(false);
            handle = await StartOrTakeOverAsync(message, delivery.Redelivered).ConfigureAwait(false);
        }
        catch (ProcessOwnedException)
        {
            await UnbindAsync(message.Id).ConfigureAwait(false);
            // Another live runtime runs it (a worker whose connection dropped, still finishing):
            // back to the queue after a pause, to be taken again once that one lets it go.
            WorkerLog.OwnedElsewhere(_logger, message.ProcessName, message.Id);
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            await SettleAsync(delivery, message.Id, acknowledge: false).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (IsPermanent(exception))
        {
            // Invalid inputs, an unknown type or id, a corrupted checkpoint, a changed outline:
            // the same message would fail again anywhere. Answer typed and drop it.
            WorkerLog.WorkFailed(_logger, message.Kind, message.ProcessName, message.Id, exception);
            await UnbindAsync(message.Id).ConfigureAwait(false);
            await ReplyAsync(delivery.ReplyTo, delivery.CorrelationId, Replies.Error(exception)).ConfigureAwait(false);
            await SettleAsync(delivery, message.Id, acknowledge: true).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The store is down, the runtime is stopping, a lease was lost: nothing is decided
            // yet, so the message goes back (after a pause, not to spin on a broken store).
            WorkerLog.Detached(_logger, message.ProcessName, message.Id, exception);
            await UnbindAsync(message.Id).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            await SettleAsync(delivery, message.Id, acknowledge: false).ConfigureAwait(false);
            return;
        }

        _owned[message.Id] = handle;
        if ((message.Replies & WorkReplies.Started) != 0)
        {
            await ReplyAsync(delivery.ReplyTo, delivery.CorrelationId, Replies.Ok(writer => WireCodec.WriteStatus(writer, handle.Status))).ConfigureAwait(false);
        }

        await handle.WaitForTerminationAsync().ConfigureAwait(false);
        if (!handle.State.IsTerminal() && handle.IsParked)
        {
            await SettleParkedAsync(delivery, message, handle, executionsBefore).ConfigureAwait(false);
            return;
        }

        if (!handle.State.IsTerminal())
        {
            // Detached (the store stayed down, the lease was lost, the runtime is stopping): the
            // last checkpoint stands, and the message goes back for whoever can continue it.
            WorkerLog.Detached(_logger, handle.Name, handle.Id, null);
            _owned.TryRemove(message.Id, out _);
            await UnbindAsync(message.Id).ConfigureAwait(false);
            await SettleAsync(delivery, message.Id, acknowledge: false).ConfigureAwait(false);
            return;
        }

        if ((message.Replies & WorkReplies.Outputs) != 0)
        {
            await ReplyAsync(delivery.ReplyTo, delivery.CorrelationId, await OutputsReplyAsync(handle, includeInputs: false).ConfigureAwait(false)).ConfigureAwait(false);
        }

        if (!await WakeParentAsync(handle).ConfigureAwait(false))
        {
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            await SettleAsync(delivery, message.Id, acknowledge: false).ConfigureAwait(false);
            return;
        }

        await SettleAsync(delivery, message.Id, acknowledge: true).ConfigureAwait(false);
        ForgetLater(message.Id, handle);
    }

    /// <summary>
    /// The process of a work message: already running here (a redelivery after a reconnect), or
    /// continued from its checkpoint (a continue, or a launch another delivery already started:
    /// waiting for a dead owner's lease to lapse), or else launched.
    /// </summary>
    private async Task<ProcessHandle> StartOrTakeOverAsync(WorkMessage message, bool redelivered)
    {
        // A retry of a run that has just failed here must not be answered with that run: the
        // runtime waits for it to leave and retries from the store.
        var retry = message is { Kind: MessageKind.Continue, ContinueOptions.RetryExcepted: true };
        if (_runtime.TryGetProcess(message.Id, out var live) && !(retry && live.State.IsTerminal()))
        {
            return live;
        }

        var takeOverWait = _options.TakeOverWait ?? _runtime.LeaseDuration + _runtime.LeaseDuration;
        if (message.Kind == MessageKind.Continue)
        {
            var options = message.ContinueOptions ?? new ContinueOptions();
            return await _runtime.ContinueAsync(message.Id, options with { WaitForOwner = options.WaitForOwner > takeOverWait ? options.WaitForOwner : takeOverWait }).ConfigureAwait(false);
        }

        if (await _runtime.Store.LoadAsync(message.Id).ConfigureAwait(false) is not null)
        {
            // Counted once it is continued: a take refused because the old owner still holds the
            // lease goes back to the queue and is counted by the take that succeeds.
            var continued = await _runtime.ContinueAsync(message.Id, new ContinueOptions { WaitForOwner = takeOverWait }).ConfigureAwait(false);
            Interlocked.Increment(ref _takenOver);
            WorkerLog.TookOver(_logger, message.ProcessName, message.Id, redelivered);
            return continued;
        }

        // Not run as a "run": a redelivered launch must find this process's checkpoints, so they
        // are kept after success (purge them with the store's retention).
        var launchOptions = (message.LaunchOptions ?? new LaunchOptions()) with { Id = message.Id };
        return await _runtime.LaunchSerializedAsync(message.ProcessName, message.Inputs, launchOptions, asRun: false).ConfigureAwait(false);
    }

    /// <summary>Failures the same message would meet on any worker at any time.</summary>
    private static bool IsPermanent(Exception exception) => exception is
        Ports.PortValidationException or UnknownProcessTypeException or ProcessSerializationException or CheckpointNotFoundException
        or CheckpointCorruptedException or OutlineVersionMismatchException or InvalidOperationException or NotSupportedException
        // Decided by the process's own state or ancestry: e.g. a retry of a process that finished.
        or InvalidStateTransitionException or LaunchCycleException or LaunchDepthExceededException;

    /// <summary>Acknowledges a delivery, or returns it to its queue; never with a tag from before a reconnect.</summary>
    private async Task SettleAsync(WorkDelivery delivery, ProcessId id, bool acknowledge)
    {
        await _settlements.WaitAsync().ConfigureAwait(false);
        try
        {
            // Checked as late as possible: the generation moves when the connection drops, before
            // recovery hands the channel a new connection whose tags start again from 1.
            if (delivery.Generation != Interlocked.Read(ref _generation))
            {
                WorkerLog.StaleDelivery(_logger, id);
                return;
            }

            if (acknowledge)
            {
                await _work!.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            }
            else
            {
                await _work!.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
        {
            // The connection went meanwhile: the broker has already requeued the message.
            WorkerLog.StaleDelivery(_logger, id);
        }
        finally
        {
            _settlements.Release();
        }
    }

    /// <summary>Keeps answering for a finished process for a while (a task leaves no checkpoint), then forgets it and its route.</summary>
    private void ForgetLater(ProcessId id, ProcessHandle handle) => _ = Task.Run(async () =>
    {
        await Task.Delay(_options.TerminatedRetention).ConfigureAwait(false);
        if (_owned.TryRemove(new System.Collections.Generic.KeyValuePair<ProcessId, ProcessHandle>(id, handle)))
        {
            await UnbindAsync(id).ConfigureAwait(false);
        }
    });
}
