using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Exceptions;
using Processes.RabbitMQ.Messages;
using Processes.Runtime;

namespace Processes.RabbitMQ;

/// <summary>
/// A worker's durable publishes of continues: children it dispatches to any worker, and the
/// wake-up of a parent when one of its children has ended. Each is a persistent message on the
/// type's work queue, published on a channel with publisher confirms, so it is on the broker's
/// disk before the caller goes on (and before the worker acknowledges what led to it).
/// </summary>
internal sealed class ContinuePublisher : IRemoteChildDispatcher
{
    private readonly IChannel _channel;
    private readonly Topology _topology;
    private readonly ConcurrentDictionary<string, Task> _declaredWorkQueues = new(StringComparer.Ordinal);

    public ContinuePublisher(IChannel channel, Topology topology)
    {
        _channel = channel;
        _topology = topology;
    }

    /// <summary>A child, at the default priority: it queues behind work already waiting.</summary>
    public ValueTask DispatchAsync(ProcessId childId, string childName, CancellationToken cancellationToken) =>
        new(PublishContinueAsync(childId, childName, Topology.BrokerPriority(null), cancellationToken));

    /// <summary>A parent's wake-up, at the most urgent priority: a parent that goes on soon frees what its children hold.</summary>
    public Task WakeAsync(ProcessId parentId, string parentName, CancellationToken cancellationToken) =>
        PublishContinueAsync(parentId, parentName, Topology.MaxBrokerPriority, cancellationToken);

    private async Task PublishContinueAsync(ProcessId id, string processName, byte priority, CancellationToken cancellationToken)
    {
        var declaration = _declaredWorkQueues.GetOrAdd(processName, name => _topology.DeclareWorkQueueAsync(_channel, name, CancellationToken.None));
        try
        {
            await declaration.WaitAsync(cancellationToken).ConfigureAwait(false);
            var properties = new BasicProperties { Persistent = true, Type = MessageKind.Continue, Priority = priority };
            var body = WorkMessage.EncodeContinue(id, processName, options: null, WorkReplies.None);
            await _channel.BasicPublishAsync("", _topology.WorkQueue(processName), mandatory: false, properties, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or PublishException)
        {
            _declaredWorkQueues.TryRemove(new KeyValuePair<string, Task>(processName, declaration));
            throw new RabbitMqConnectionException($"The broker did not take the continue of {processName} {id}: {exception.Message}", exception);
        }
    }
}
