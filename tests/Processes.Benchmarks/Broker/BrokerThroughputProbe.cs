using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;
using Processes.RabbitMQ;
using Processes.RabbitMQ.Tests;

namespace Processes.Benchmarks.Broker;

/// <summary>The medians of one worker count of broker-throughput: one batch of <see cref="BrokerThroughputProbe.Tasks"/> tasks, in nanoseconds.</summary>
internal sealed record BrokerThroughputFigures(int Workers, double OursNanoseconds, double RawNanoseconds, int PayloadBytes);

/// <summary>
/// broker-throughput: 1,000 short tasks (<see cref="SquareTask"/>) run through the broker on 1, 2
/// and 4 workers of 8 slots each (each worker its own runtime in this process;
/// <c>RabbitMqProcessClient.RunAsync</c>, all in flight at once), against
/// <see cref="RawRabbitMqBaseline"/> with as many consumers. Both on the same temporary node (the
/// tests' <c>RabbitMqNode</c>), in alternate rounds, so every ratio is of one run.
/// </summary>
internal static class BrokerThroughputProbe
{
    public const int Tasks = 1000;
    public const int Rounds = 5;
    public const int Slots = 8;

    public static IReadOnlyList<int> WorkerCounts { get; } = [1, 2, 4];

    public static async Task<IReadOnlyList<BrokerThroughputFigures>> MeasureAsync()
    {
        await using var node = new RabbitMqNode();
        await node.InitializeAsync();
        var figures = new List<BrokerThroughputFigures>();
        foreach (var workers in WorkerCounts)
        {
            figures.Add(await MeasureAsync(node.Port, workers));
        }

        return figures;
    }

    private static async Task<BrokerThroughputFigures> MeasureAsync(int port, int workerCount)
    {
        var connection = new RabbitMqConnectionOptions { Port = port, Prefix = "bench" + workerCount };
        var hosts = new List<(ProcessRuntime Runtime, RabbitMqWorker Worker)>();
        try
        {
            for (var i = 0; i < workerCount; i++)
            {
                var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
                var worker = new RabbitMqWorker(runtime, new RabbitMqWorkerOptions { Connection = connection, Slots = Slots, ProcessNames = [RawRabbitMqBaseline.Square.Name] });
                hosts.Add((runtime, worker));
                await worker.StartAsync();
            }

            await using var client = await RabbitMqProcessClient.ConnectAsync(new RabbitMqClientOptions { Connection = connection });
            await using var raw = await RawRabbitMqBaseline.StartAsync(port, "raw.work." + workerCount, workerCount, Slots);

            await OursAsync(client, 50);
            await raw.RunAsync(50);
            var ours = new List<double>();
            var baseline = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                ours.Add(await OursAsync(client, Tasks));
                baseline.Add(await raw.RunAsync(Tasks));
            }

            return new BrokerThroughputFigures(workerCount, Statistics.Median(ours), Statistics.Median(baseline), RawRabbitMqBaseline.Payload.Length);
        }
        finally
        {
            foreach (var (runtime, worker) in hosts)
            {
                await worker.DisposeAsync();
                await runtime.DisposeAsync();
            }
        }
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
}
