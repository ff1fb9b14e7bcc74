using System;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using Processes.RabbitMQ.Messages;

namespace Processes.RabbitMQ;

/// <summary>
/// Children on any worker (<see cref="RabbitMqWorkerOptions.ChildrenOnAnyWorker"/>): dispatching
/// them, letting a parent that waits for them leave its slot, and waking the parent when one ends.
/// </summary>
public sealed partial class RabbitMqWorker
{
    private ContinuePublisher? _continues;

    /// <summary>Opens the confirmed channel of continues and makes the runtime dispatch its children through it.</summary>
    private async Task StartChildDispatchAsync(IConnection connection, CancellationToken cancellationToken)
    {
        if (!_options.ChildrenOnAnyWorker)
        {
            return;
        }

        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        _continues = new ContinuePublisher(channel, _topology);
        if (_runtime.RemoteChildren is not null)
        {
            throw new InvalidOperationException("The runtime already dispatches its children through another worker; give each worker its own runtime.");
        }

        _runtime.RemoteChildren = _continues;
    }

    private void StopChildDispatch()
    {
        if (_continues is not null && ReferenceEquals(_runtime.RemoteChildren, _continues))
        {
            _runtime.RemoteChildren = null;
        }
    }

    /// <summary>
    /// A process that parked to wait for children elsewhere: its checkpoint (Waiting) is durable
    /// and its lease released. A launch is done with (the children's ends continue it). A continue
    /// is done with only if the execution that parked was created for it, so it read the children's
    /// states after the child that sent this continue had stored its end; an older execution may
    /// have read them before, so the continue goes back and runs again (no lost wake-up).
    /// A run's caller is told to wait by id: the outputs come from whoever finishes the process.
    /// </summary>
    private async Task SettleParkedAsync(WorkDelivery delivery, WorkMessage message, ProcessHandle handle, long executionsBefore)
    {
        _owned.TryRemove(message.Id, out _);
        await UnbindAsync(message.Id).ConfigureAwait(false);
        if ((message.Replies & WorkReplies.Outputs) != 0)
        {
            await ReplyAsync(delivery.ReplyTo, delivery.CorrelationId, Replies.Bare(ReplyOutcome.NotRunning)).ConfigureAwait(false);
        }

        var done = message.Kind == MessageKind.Launch || handle.CreationSequence > executionsBefore;
        WorkerLog.Parked(_logger, handle.Name, handle.Id, done);
        await SettleAsync(delivery, message.Id, acknowledge: done).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a continue of the parent of a child that has terminated (its end is stored), before
    /// the child's message is acknowledged: a worker that dies in between has the child's message
    /// redelivered, which finds the end stored and wakes the parent again. False when the broker
    /// did not take it (the child's message then goes back).
    /// </summary>
    private async Task<bool> WakeParentAsync(ProcessHandle child)
    {
        if (_continues is null || child.Status.ParentId is not { } parentId)
        {
            return true;
        }

        try
        {
            var parent = await _runtime.ReadStatusAsync(parentId, default).ConfigureAwait(false);
            if (!parent.State.IsTerminal())
            {
                await _continues.WakeAsync(parentId, parent.Name, CancellationToken.None).ConfigureAwait(false);
            }

            return true;
        }
        catch (CheckpointNotFoundException)
        {
            return true; // the parent is gone (purged): nobody waits
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            WorkerLog.WakeFailed(_logger, child.Name, child.Id, parentId, exception);
            return false;
        }
    }
}
