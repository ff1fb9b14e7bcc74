using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;
using Processes.RabbitMQ;
using Processes.RabbitMQ.Tests;

namespace Processes.Benchmarks.Broker;

/// <summary>The medians of broker-call: one call's round trip, in nanoseconds.</summary>
internal sealed record BrokerCallFigures(double OursNanoseconds, double RawNanoseconds, int PayloadBytes);

/// <summary>
/// broker-call: one <c>RabbitMqProcessClient.RunAsync</c> of a <see cref="SquareTask"/> at a time
/// (one worker, 8 slots), against one raw RabbitMQ RPC at a time with the same payload and
/// guarantees (<see cref="RawRabbitMqBaseline"/>, one consumer). Alternate rounds of
/// <see cref="CallsPerRound"/> calls on the same temporary node; the median call of each round, then
/// the median of the rounds.
/// </summary>
internal static class BrokerCallProbe
{
    public const int CallsPerRound = 200;
    public const int Rounds = 5;

    public static async Task<BrokerCallFigures> MeasureAsync()
    {
        await using var node = new RabbitMqNode();
        await node.InitializeAsync();
        var connection = new RabbitMqConnectionOptions { Port = node.Port, Prefix = "bench-call" };
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        await using var worker = new RabbitMqWorker(runtime, new RabbitMqWorkerOptions { Connection = connection, Slots = BrokerThroughputProbe.Slots, ProcessNames = [RawRabbitMqBaseline.Square.Name] });
        await worker.StartAsync();
        await using var client = await RabbitMqProcessClient.ConnectAsync(new RabbitMqClientOptions { Connection = connection });
        await using var raw = await RawRabbitMqBaseline.StartAsync(node.Port, "raw.call", consumers: 1, BrokerThroughputProbe.Slots);

        await OursAsync(client, 20);
        await raw.RoundTripsAsync(20);
        var ours = new List<double>();
        var baseline = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            ours.Add(await OursAsync(client, CallsPerRound));
            baseline.Add(await raw.RoundTripsAsync(CallsPerRound));
        }

        return new BrokerCallFigures(Statistics.Median(ours), Statistics.Median(baseline), RawRabbitMqBaseline.Payload.Length);
    }

    private static async Task<double> OursAsync(RabbitMqProcessClient client, int count)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await client.RunAsync(new SquareTask { X = i });
            times.Add(Stopwatch.GetElapsedTime(started).TotalNanoseconds);
            if (result.Result != i * i)
            {
                throw new InvalidOperationException("broker-call: a wrong result");
            }
        }

        return Statistics.Median(times);
    }
}
