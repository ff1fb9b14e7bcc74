using System.Collections.Generic;
using Processes.Benchmarks.Broker;

namespace Processes.Benchmarks.Quick;

/// <summary>The RabbitMQ transport against raw RabbitMQ.Client doing the same work with the same acks.</summary>
internal static class BrokerCases
{
    private const double MaxOverRaw = 3.0;

    public static CaseResult BrokerThroughput()
    {
        var figures = BrokerThroughputProbe.MeasureAsync().GetAwaiter().GetResult();
        var ratio = figures.OursNanoseconds / figures.RawNanoseconds;
        var tasks = BrokerThroughputProbe.Tasks;
        return new CaseResult(
            "broker-throughput",
            $"{tasks:N0} tasks through RabbitMqProcessClient.RunAsync on 1 worker (8 slots): {Format.Duration(figures.OursNanoseconds)} ({Format.Number(System.Math.Round(tasks / (figures.OursNanoseconds / 1e9)))} tasks/s)",
            $"raw RabbitMQ.Client, same {figures.PayloadBytes} B payloads, confirms, manual acks, prefetch 8, replies: {Format.Duration(figures.RawNanoseconds)} ({Format.Number(System.Math.Round(tasks / (figures.RawNanoseconds / 1e9)))} tasks/s)",
            Format.Ratio(ratio),
            $"≤ {Format.Number(MaxOverRaw)}× raw",
            [new TargetCheck("time over raw", ratio, MaxOverRaw, AtMost: true)],
            [new Measurement("BrokerRunAsync", figures.OursNanoseconds, null), new Measurement("RawRabbitMq", figures.RawNanoseconds, null)],
            new Dictionary<string, double> { ["tasks"] = tasks, ["rounds"] = BrokerThroughputProbe.Rounds, ["payloadBytes"] = figures.PayloadBytes, ["timeOverRaw"] = System.Math.Round(ratio, 3) });
    }
}
