using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>
/// A private queue bound to the events exchange for one process or all, read into a channel of
/// statuses. It exists (bound and consumed) before <see cref="OpenAsync"/> returns, so nothing
/// published afterwards is missed; it is deleted when disposed.
/// </summary>
internal sealed class StatusSubscription : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly Channel<ProcessStatus> _statuses = Channel.CreateUnbounded<ProcessStatus>(new UnboundedChannelOptions { SingleReader = true });

    private StatusSubscription(IChannel channel) => _channel = channel;

    public ChannelReader<ProcessStatus> Statuses => _statuses.Reader;

    public static async Task<StatusSubscription> OpenAsync(IConnection connection, Topology topology, ProcessId? id, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var subscription = new StatusSubscription(channel);
            var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(queue.QueueName, topology.EventsExchange, Topology.WatchBindingKey(id), cancellationToken: cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += subscription.OnStatusAsync;
            await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
            return subscription;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _statuses.Writer.TryComplete();
        try
        {
            await _channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or OperationCanceledException)
        {
            // The connection is gone, and the exclusive queue with it.
        }

        await _channel.DisposeAsync().ConfigureAwait(false);
    }

    private Task OnStatusAsync(object sender, BasicDeliverEventArgs delivery)
    {
        try
        {
            var reader = new ProcessReader(delivery.Body.Span);
            _statuses.Writer.TryWrite(WireCodec.ReadStatus(ref reader));
        }
        catch (ProcessSerializationException)
        {
            // A malformed event is dropped; the stream goes on.
        }

        return Task.CompletedTask;
    }
}
