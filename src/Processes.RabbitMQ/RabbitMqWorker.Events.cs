using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;
using Processes.RabbitMQ.Messages;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>Broadcasting every state change of the runtime's processes on the events exchange, in order.</summary>
public sealed partial class RabbitMqWorker
{
    private readonly Channel<ProcessStatus> _events = Channel.CreateUnbounded<ProcessStatus>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _eventPump;

    private void OnStateChanged(object? sender, ProcessStateChangedEventArgs change)
    {
        if (sender is ProcessHandle handle)
        {
            _events.Writer.TryWrite(handle.Status);
            if (_eventPump is null && Interlocked.CompareExchange(ref _eventPump, Task.CompletedTask, null) is null)
            {
                _eventPump = Task.Run(PumpEventsAsync);
            }
        }
    }

    /// <summary>Publishes the queued statuses one after another, so a watcher never sees an older state after a newer one.</summary>
    private async Task PumpEventsAsync()
    {
        await foreach (var status in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (Volatile.Read(ref _stopped) != 0 || _publisher is null)
            {
                return;
            }

            try
            {
                using var writer = new ProcessWriter();
                WireCodec.WriteStatus(writer, status);
                var properties = new BasicProperties { Type = MessageKind.StatusChanged };
                await _publisher.BasicPublishAsync(_topology.EventsExchange, Topology.StatusRoutingKey(status.Name, status.Id), mandatory: false, properties, writer.WrittenMemory).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
            {
                // Events are not durable: a change during an outage is not broadcast.
                WorkerLog.ControlFailed(_logger, MessageKind.StatusChanged, exception);
            }
        }
    }
}
