using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;
using Processes.RabbitMQ;
using Processes.RabbitMQ.Tests;
using Processes.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Processes.Benchmarks.Broker;

/// <summary>The medians of broker-throughput: one batch of <see cref="BrokerThroughputProbe.Tasks"/> tasks, in nanoseconds.</summary>
internal sealed record BrokerThroughputFigures(double OursNanoseconds, double RawNanoseconds, int PayloadBytes);

/// <summary>
/// broker-throughput: 1,000 short tasks (<see cref="SquareTask"/>) run through the broker on one
/// worker with 8 slots (<c>RabbitMqProcessClient.RunAsync</c>, all in flight at once), against raw
/// RabbitMQ.Client doing the same work with the same guarantees: each request the same inputs
/// bytes, persistent on a durable queue with publisher confirms; a consumer with manual acks and a
/// prefetch of 8 squares the number, publishes the answer to the caller's reply queue and then
/// acknowledges. Both on the same temporary node (the tests' <c>RabbitMqNode</c>), alternately.
/// </summary>
internal static class BrokerThroughputProbe
{
    public const int Tasks = 1000;
    public const int Rounds = 5;
    private const int Slots = 8;

    public static async Task<BrokerThroughputFigures> MeasureAsync()
    {
        await using var node = new RabbitMqNode();
        await node.InitializeAsync();
        var connection = new RabbitMqConnectionOptions { Port = node.Port, Prefix = "bench" };
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        await using var worker = new RabbitMqWorker(runtime, new RabbitMqWorkerOptions { Connection = connection, Slots = Slots, ProcessNames = [NameOf<SquareTask>()] });
        await worker.StartAsync();
        await using var client = await RabbitMqProcessClient.ConnectAsync(new RabbitMqClientOptions { Connection = connection });
        await using var raw = await RawRoundTrip.StartAsync(node.Port);

        await OursAsync(client, 50);
        await raw.RunAsync(50);
        var ours = new List<double>();
        var baseline = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            ours.Add(await OursAsync(client, Tasks));
            baseline.Add(await raw.RunAsync(Tasks));
        }

        return new BrokerThroughputFigures(Median(ours), Median(baseline), RawRoundTrip.Payload.Length);
    }

    private static async Task<double> OursAsync(RabbitMqProcessClient client, int count)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.RunAsync(new SquareTask { X = i % 1000 }).AsTask()));
        clock.Stop();
        if (results[^1].Result != (count - 1) % 1000 * ((count - 1) % 1000))
        {
            throw new InvalidOperationException("broker-throughput: a wrong result");
        }

        return clock.Elapsed.TotalNanoseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string NameOf<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess> => TProcess.Descriptor.Name;

    private static ProcessDescriptor<TProcess> DescriptorOf<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess> => TProcess.Descriptor;

    /// <summary>The baseline: requests on a durable queue, answered by a consumer, with confirms and manual acks.</summary>
    private sealed class RawRoundTrip : IAsyncDisposable
    {
        private const string Queue = "raw.work";
        private readonly IConnection _connection;
        private readonly IChannel _publisher;
        private readonly IChannel _worker;
        private readonly string _replyQueue;
        private readonly ConcurrentDictionary<string, TaskCompletionSource<int>> _pending = new();
        private long _next;

        private RawRoundTrip(IConnection connection, IChannel publisher, IChannel worker, string replyQueue)
        {
            _connection = connection;
            _publisher = publisher;
            _worker = worker;
            _replyQueue = replyQueue;
        }

        /// <summary>The inputs section of a <see cref="SquareTask"/>, as our launch carries it.</summary>
        public static byte[] Payload { get; } = InputsOf(new SquareTask { X = 7 });

        public static async Task<RawRoundTrip> StartAsync(int port)
        {
            var connection = await new ConnectionFactory { Port = port }.CreateConnectionAsync();
            var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await publisher.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
            var replies = await publisher.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
            var worker = await connection.CreateChannelAsync();
            await worker.BasicQosAsync(0, Slots, global: true);
            var raw = new RawRoundTrip(connection, publisher, worker, replies.QueueName);

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

            var workConsumer = new AsyncEventingBasicConsumer(worker);
            workConsumer.ReceivedAsync += async (_, delivery) =>
            {
                var reader = new ProcessReader(delivery.Body.Span);
                var x = DescriptorOf<SquareTask>().ReadInputs(ref reader).X;
                var answer = new BasicProperties { CorrelationId = delivery.BasicProperties.CorrelationId };
                await worker.BasicPublishAsync("", delivery.BasicProperties.ReplyTo!, mandatory: false, answer, BitConverter.GetBytes(x * x));
                await worker.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            };
            await worker.BasicConsumeAsync(Queue, autoAck: false, workConsumer);
            return raw;
        }

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
            await _publisher.BasicPublishAsync("", Queue, mandatory: false, properties, Payload);
            return await answer.Task;
        }

        private static byte[] InputsOf(SquareTask task)
        {
            using var writer = new ProcessWriter();
            DescriptorOf<SquareTask>().WriteInputs(task, writer);
            return writer.ToArray();
        }
    }
}
