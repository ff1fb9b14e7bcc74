using System;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Processes.RabbitMQ.Messages;
using Processes.Remote;
using Processes.Remote.Protocol;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>
/// Serving the deployment's shared states (<see cref="RabbitMqWorkerOptions.ServeSharedStates"/>)
/// from the single-active-consumer queue: one request at a time in queue order, so a request
/// redelivered after the previous server died is seen before anything queued behind it.
/// </summary>
public sealed partial class RabbitMqWorker
{
    /// <summary>Requests taken but not acknowledged yet: updates, acknowledged once answered after their save.</summary>
    private const ushort SharedStatePrefetch = 64;

    private IChannel? _states;

    private async Task StartSharedStatesAsync(IConnection connection, CancellationToken cancellationToken)
    {
        if (!_options.ServeSharedStates)
        {
            return;
        }

        _states = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _states.BasicQosAsync(0, SharedStatePrefetch, global: false, cancellationToken).ConfigureAwait(false);
        await _topology.DeclareSharedStateQueueAsync(_states, cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(_states);
        consumer.ReceivedAsync += OnSharedStateRequestAsync;
        await _states.BasicConsumeAsync(_topology.SharedStateQueue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Awaited by the client library before it hands over the next request (one at a time per
    /// channel): updates run in queue order. A watch is held in the background instead, and
    /// acknowledged at once (the caller polls again after a timeout). A declared operation is
    /// acknowledged before it runs: it runs at most once, and a caller whose server died in
    /// between learns it by a timeout. A read and a compare-and-set are acknowledged after their
    /// answer, so a server's death hands them to the next one: a read is harmless to repeat, and
    /// a redelivered compare-and-set is recognised (see <see cref="ReplaceAsync"/>), so it applies
    /// exactly once.
    /// </summary>
    private async Task OnSharedStateRequestAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var kind = delivery.BasicProperties.Type ?? "";
        var replyTo = delivery.BasicProperties.ReplyTo;
        var correlationId = delivery.BasicProperties.CorrelationId;
        var body = delivery.Body.ToArray();
        var tag = delivery.DeliveryTag;
        var generation = Interlocked.Read(ref _generation);
        var settleAfter = kind is MessageKind.StateReplace or MessageKind.StateGet;
        if (!settleAfter)
        {
            await SettleStateRequestAsync(tag, generation).ConfigureAwait(false);
        }

        if (kind == MessageKind.StateWait)
        {
            _ = Task.Run(() => AnswerSharedStateAsync(kind, replyTo, correlationId, body, redelivered: false));
            return;
        }

        await AnswerSharedStateAsync(kind, replyTo, correlationId, body, delivery.Redelivered).ConfigureAwait(false);
        if (settleAfter)
        {
            await SettleStateRequestAsync(tag, generation).ConfigureAwait(false);
        }
    }

    private async Task AnswerSharedStateAsync(string kind, string? replyTo, string? correlationId, byte[] body, bool redelivered)
    {
        byte[] answer;
        try
        {
            var payload = await ExecuteSharedStateAsync(kind, body, redelivered).ConfigureAwait(false);
            answer = Replies.Ok(payload);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Typed for the caller, as over pipes: an unknown operation, a state owned elsewhere, the operation's own error.
            answer = Replies.Error(exception);
        }

        await ReplyAsync(replyTo, correlationId, answer).ConfigureAwait(false);
    }

    private async Task<Action<ProcessWriter>> ExecuteSharedStateAsync(string kind, byte[] body, bool redelivered)
    {
        var type = kind switch
        {
            MessageKind.StateGet => FrameType.SharedStateGet,
            MessageKind.StateReplace => FrameType.SharedStateReplace,
            MessageKind.StateApply => FrameType.SharedStateApply,
            MessageKind.StateWait => FrameType.SharedStateWait,
            _ => throw new RemoteProtocolException($"'{kind}' is not a shared state call."),
        };
        var reader = new ProcessReader(body);
        var request = SharedStateRequest.Read(type, ref reader);
        reader.EnsureAtEnd();
        var takeOverDeadline = DateTimeOffset.UtcNow + _runtime.SharedStateEngine.LeaseDuration + _runtime.SharedStateEngine.LeaseDuration;
        while (true)
        {
            try
            {
                return type == FrameType.SharedStateReplace && redelivered
                    ? await ReplaceAsync(request).ConfigureAwait(false)
                    : await request.ExecuteAsync(_runtime.SharedStateEngine, _runtime.Registry, CancellationToken.None).ConfigureAwait(false);
            }
            catch (SharedStateOwnedException owned) when (owned.Owner != _runtime.SharedStateEngine.Owner && DateTimeOffset.UtcNow < takeOverDeadline)
            {
                // This worker is the queue's single active consumer, so the owner is a server that
                // died or was cut off: its lease lapses and this worker takes the state over then.
                var wait = owned.ExpiresAt is { } expires ? expires - DateTimeOffset.UtcNow : TimeSpan.Zero;
                await Task.Delay(wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A compare-and-set delivered again: the server that took it first may have saved it and died
    /// before answering. When the state is at the version after the expected one, written by the
    /// same writer with exactly these bytes, it was this request (a client sends one delegate
    /// update of a state at a time per writer, and a writer name belongs to one client): answered
    /// as applied instead of refused, which would make the caller run its delegate again and
    /// apply it twice.
    /// </summary>
    private async Task<Action<ProcessWriter>> ReplaceAsync(SharedStateRequest request)
    {
        SharedStateSections.Validate(request.Data);
        var (version, applied) = await _runtime.SharedStateEngine.UpdateAsync(request.StateName, request.Key, request.Writer, request, static (now, request) =>
            now.Version == request.ExpectedVersion
                ? (request.Initial, request.Data, true)
                : (null, null, now.Version == request.ExpectedVersion + 1 && now.Writer == request.Writer && now.Data is { } data && data.AsSpan().SequenceEqual(request.Data)),
            CancellationToken.None).ConfigureAwait(false);
        return writer =>
        {
            writer.WriteBoolean(applied);
            SharedStateRequest.WriteVersion(writer, version);
        };
    }

    private async Task SettleStateRequestAsync(ulong tag, long generation)
    {
        try
        {
            // A tag from before a reconnect is void: the broker has requeued that request already.
            if (generation == Interlocked.Read(ref _generation) && _states is not null)
            {
                await _states.BasicAckAsync(tag, multiple: false).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
        {
            WorkerLog.ControlFailed(_logger, MessageKind.StateReplace, exception);
        }
    }
}
