using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Processes.RabbitMQ.Messages;

namespace Processes.RabbitMQ;

/// <summary>
/// The <see cref="IProcessClient"/> of processes run by <see cref="RabbitMqWorker"/>s on any
/// machine: launches and continues are persistent messages on the process type's durable,
/// prioritized work queue (confirmed by the broker before the call returns); control calls go to
/// the worker that owns the process; pause, play and kill all are broadcast to every worker; and
/// <see cref="WatchAsync"/> streams state changes. Results and errors arrive typed, as over named
/// pipes. One client serves many concurrent calls; dispose it to close its connection.
/// </summary>
public sealed partial class RabbitMqProcessClient : IProcessClient
{
    private readonly RabbitMqClientOptions _options;
    private readonly Topology _topology;
    private readonly IConnection _connection;
    private readonly IChannel _publisher;
    private readonly IChannel _replies;
    private readonly SubmittedProcesses _submitted = new();
    private readonly PendingReplies _pending = new();
    private readonly ConcurrentDictionary<string, Task> _declaredWorkQueues = new(StringComparer.Ordinal);
    private readonly string _replyQueue;
    private int _disposed;

    private RabbitMqProcessClient(RabbitMqClientOptions options, Topology topology, IConnection connection, IChannel publisher, IChannel replies, string replyQueue)
    {
        _options = options;
        _topology = topology;
        _connection = connection;
        _publisher = publisher;
        _replies = replies;
        _replyQueue = replyQueue;
        _connection.ConnectionShutdownAsync += OnConnectionShutdownAsync;
    }

    /// <summary>
    /// Connects to the broker (retrying with back-off up to
    /// <see cref="RabbitMqConnectionOptions.ConnectTimeout"/>), declares the deployment's exchanges
    /// and this client's reply queue. Throws <see cref="RabbitMqConnectionException"/> when the
    /// broker stays unreachable.
    /// </summary>
    public static async Task<RabbitMqProcessClient> ConnectAsync(RabbitMqClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RabbitMqClientOptions();
        var topology = new Topology(options.Connection.Prefix);
        var clientId = Guid.NewGuid().ToString("N");
        var connection = await BrokerConnector.ConnectAsync(options.Connection, "processes-client-" + clientId, cancellationToken).ConfigureAwait(false);
        try
        {
            var publisher = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            await topology.DeclareExchangesAsync(publisher, cancellationToken).ConfigureAwait(false);
            var replies = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var replyQueue = topology.ReplyQueue(clientId);
            await replies.QueueDeclareAsync(replyQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            var client = new RabbitMqProcessClient(options, topology, connection, publisher, replies, replyQueue);
            var consumer = new AsyncEventingBasicConsumer(replies);
            consumer.ReceivedAsync += client.OnReplyAsync;
            await replies.BasicConsumeAsync(replyQueue, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The broker and prefix this client uses (the password redacted).</summary>
    public override string ToString() => $"RabbitMQ client of {_options.Connection}";

    /// <summary>Closes the connection. Calls still waiting fail with <see cref="RabbitMqConnectionException"/>; processes go on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _pending.FailCalls(new RabbitMqConnectionException("The client was disposed."));
        try
        {
            await _connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or OperationCanceledException)
        {
            // Already closed by the broker or the network: nothing more to release.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private Task OnReplyAsync(object sender, BasicDeliverEventArgs delivery)
    {
        // The body is only valid during this handler: the waiting call gets its own copy.
        _pending.Deliver(delivery.BasicProperties.CorrelationId, delivery.Body.ToArray());
        return Task.CompletedTask;
    }

    private Task OnConnectionShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        // The exclusive reply queue goes with the connection, and every answer sent to it: the
        // calls waiting for one fail typed. Waits by id and runs ask again once reconnected.
        _pending.FailCalls(new RabbitMqConnectionException($"The connection to the broker was lost ({reason.ReplyText}); the call may or may not have taken effect."));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Declares a process type's work queue once (a launch before any worker started must not be
    /// dropped). The declaration is shared by every caller, so no caller's token cancels it; one
    /// that failed (a lost connection) is forgotten and tried again by the next call.
    /// </summary>
    private async Task EnsureWorkQueueAsync(string processName, CancellationToken cancellationToken)
    {
        var declaration = _declaredWorkQueues.GetOrAdd(processName, name => _topology.DeclareWorkQueueAsync(_publisher, name, CancellationToken.None));
        try
        {
            await declaration.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException)
        {
            _declaredWorkQueues.TryRemove(new KeyValuePair<string, Task>(processName, declaration));
            throw new RabbitMqConnectionException($"The broker did not declare the work queue of {processName}: {exception.Message}", exception);
        }
    }

    /// <summary>Publishes a persistent message and returns once the broker has confirmed it (written to disk for durable queues).</summary>
    private async Task PublishDurableAsync(string exchange, string routingKey, string kind, byte priority, string? correlationId, byte[] body, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var properties = new BasicProperties
        {
            Persistent = true,
            Type = kind,
            Priority = priority,
            CorrelationId = correlationId,
            ReplyTo = correlationId is null ? null : _replyQueue,
        };
        await PublishAsync(exchange, routingKey, properties, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a control call that expires unanswered after <paramref name="timeToLive"/>.</summary>
    private Task PublishCallAsync(string exchange, string routingKey, string kind, string correlationId, byte[] body, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var properties = new BasicProperties
        {
            Type = kind,
            CorrelationId = correlationId,
            ReplyTo = _replyQueue,
            Expiration = ((long)timeToLive.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        return PublishAsync(exchange, routingKey, properties, body, cancellationToken);
    }

    private async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await _publisher.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or PublishException)
        {
            throw new RabbitMqConnectionException($"The broker did not take the {properties.Type} message: {exception.Message}", exception);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
