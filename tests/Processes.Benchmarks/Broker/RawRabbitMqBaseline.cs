using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Processes.Benchmarks.Subjects;
using Processes.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Processes.Benchmarks.Broker;

/// <summary>
/// The baseline of the broker cases: raw RabbitMQ.Client doing the work of our transport with the
/// same guarantees. Each request carries the same inputs bytes as our launch, persistent on a
/// durable queue with publisher confirms; each of <c>consumers</c> consumers (its own channel,
/// manual acks, prefetch <c>slots</c>, like one worker) squares the number, publishes the answer
/// to the caller's reply queue and then acknowledges.
/// </summary>
internal sealed class RawRabbitMqBaseline : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _publisher;
    private readonly string _queue;
    private readonly string _replyQueue;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<int>> _pending = new();
    private long _next;

    private RawRabbitMqBaseline(IConnection connection, IChannel publisher, string queue, string replyQueue)
    {
        _connection = connection;
        _publisher = publisher;
        _queue = queue;
        _replyQueue = replyQueue;
    }

    /// <summary>The generated descriptor of <see cref="SquareTask"/> (its static interface member, reached through a type parameter).</summary>
    public static ProcessDescriptor<SquareTask> Square { get; } = DescriptorOf<SquareTask>();

    /// <summary>The inputs section of a <see cref="SquareTask"/>, as our launch carries it.</summary>
    public static byte[] Payload { get; } = InputsOf(new SquareTask { X = 7 });

    public static async Task<RawRabbitMqBaseline> StartAsync(int port, string queue, int consumers, ushort slots)
    {
        var connection = await new ConnectionFactory { Port = port }.CreateConnectionAsync();
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        var replies = await publisher.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        var raw = new RawRabbitMqBaseline(connection, publisher, queue, replies.QueueName);

        var replyConsumer = new AsyncEventingBasicConsumer(publisher);
        replyConsumer.ReceivedAsync += (_, delivery) =>
        {
            if (raw._pending.TryRemove(delivery.BasicProperties.CorrelationId!, out var call))
            {
                call.SetResult(BitConverter.ToInt32(delivery.Body.Span));
            }

            return Task.CompletedTask;
        };
        await publisher.BasicConsumeAsync(replies.QueueName, autoAck: true, replyConsumer);

        for (var i = 0; i < consumers; i++)
        {
            var worker = await connection.CreateChannelAsync();
            await worker.BasicQosAsync(0, slots, global: true);
            var workConsumer = new AsyncEventingBasicConsumer(worker);
            workConsumer.ReceivedAsync += async (_, delivery) =>
            {
                var reader = new ProcessReader(delivery.Body.Span);
                var x = Square.ReadInputs(ref reader).X;
                var answer = new BasicProperties { CorrelationId = delivery.BasicProperties.CorrelationId };
                await worker.BasicPublishAsync("", delivery.BasicProperties.ReplyTo!, mandatory: false, answer, BitConverter.GetBytes(x * x));
                await worker.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            };
            await worker.BasicConsumeAsync(queue, autoAck: false, workConsumer);
        }

        return raw;
    }

    /// <summary><paramref name="count"/> calls all in flight at once; the time of the batch in nanoseconds.</summary>
    public async Task<double> RunAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        var calls = new Task<int>[count];
        for (var i = 0; i < count; i++)
        {
            calls[i] = CallAsync();
        }

        await Task.WhenAll(calls);
        clock.Stop();
        return clock.Elapsed.TotalNanoseconds;
    }

    /// <summary><paramref name="count"/> calls one after another (a round trip each); the median call in nanoseconds.</summary>
    public async Task<double> RoundTripsAsync(int count)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await CallAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalNanoseconds);
        }

        return Quick.Statistics.Median(times);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync();
        await _connection.DisposeAsync();
    }

    private async Task<int> CallAsync()
    {
        var id = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var properties = new BasicProperties { Persistent = true, CorrelationId = id, ReplyTo = _replyQueue };
        await _publisher.BasicPublishAsync("", _queue, mandatory: false, properties, Payload);
        return await answer.Task;
    }

    private static ProcessDescriptor<TProcess> DescriptorOf<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess> => TProcess.Descriptor;

    private static byte[] InputsOf(SquareTask task)
    {
        using var writer = new ProcessWriter();
        Square.WriteInputs(task, writer);
        return writer.ToArray();
    }
}
