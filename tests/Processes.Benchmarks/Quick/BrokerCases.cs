using System.Collections.Generic;
using System.Linq;
using Processes.Benchmarks.Broker;

namespace Processes.Benchmarks.Quick;

/// <summary>The RabbitMQ transport against raw RabbitMQ.Client doing the same work with the same acks.</summary>
internal static class BrokerCases
{
    private const double MaxOverRaw = 3.0;

    /// <summary>1,000 tasks on 1, 2 and 4 workers, each against as many raw consumers; the ratio of each worker count.</summary>
    public static CaseResult BrokerThroughput()
    {
        var all = BrokerThroughputProbe.MeasureAsync().GetAwaiter().GetResult();
        var tasks = BrokerThroughputProbe.Tasks;
        var facts = new Dictionary<string, double> { ["tasks"] = tasks, ["rounds"] = BrokerThroughputProbe.Rounds, ["slotsPerWorker"] = BrokerThroughputProbe.Slots, ["payloadBytes"] = all[0].PayloadBytes };
        var measurements = new List<Measurement>();
        var checks = new List<TargetCheck>();
        foreach (var figures in all)
        {
            var ratio = figures.OursNanoseconds / figures.RawNanoseconds;
            facts[$"timeOverRaw{figures.Workers}w"] = System.Math.Round(ratio, 3);
            measurements.Add(new Measurement($"BrokerRunAsync{figures.Workers}w", figures.OursNanoseconds, null));
            measurements.Add(new Measurement($"RawRabbitMq{figures.Workers}w", figures.RawNanoseconds, null));
            checks.Add(new TargetCheck($"time over raw, {figures.Workers} worker(s)", ratio, MaxOverRaw, AtMost: true));
        }

        return new CaseResult(
            "broker-throughput",
            $"{tasks:N0} tasks through RabbitMqProcessClient.RunAsync on 1/2/4 workers of {BrokerThroughputProbe.Slots} slots: " + string.Join(" · ", all.Select(f => $"{f.Workers}w {Format.Duration(f.OursNanoseconds)} ({Rate(tasks, f.OursNanoseconds)} tasks/s)")),
            $"raw RabbitMQ.Client, 1/2/4 consumers, same {all[0].PayloadBytes} B payloads, persistent, confirms, manual acks, prefetch {BrokerThroughputProbe.Slots}, replies: " + string.Join(" · ", all.Select(f => $"{f.Workers}w {Format.Duration(f.RawNanoseconds)} ({Rate(tasks, f.RawNanoseconds)} tasks/s)")),
            string.Join(" · ", all.Select(f => $"{f.Workers}w {Format.Ratio(f.OursNanoseconds / f.RawNanoseconds)}")),
            $"≤ {Format.Number(MaxOverRaw)}× raw",
            checks,
            measurements,
            facts);
    }

    /// <summary>One call's round trip, one at a time, against one raw RabbitMQ RPC.</summary>
    public static CaseResult BrokerCall()
    {
        var figures = BrokerCallProbe.MeasureAsync().GetAwaiter().GetResult();
        var ratio = figures.OursNanoseconds / figures.RawNanoseconds;
        return new CaseResult(
            "broker-call",
            $"one RabbitMqProcessClient.RunAsync at a time on 1 worker: {Format.Duration(figures.OursNanoseconds)} per call",
            $"one raw RabbitMQ RPC at a time, same {figures.PayloadBytes} B payload, persistent, confirms, manual ack, reply queue: {Format.Duration(figures.RawNanoseconds)}",
            Format.Ratio(ratio),
            $"≤ {Format.Number(MaxOverRaw)}× raw",
            [new TargetCheck("round trip over raw", ratio, MaxOverRaw, AtMost: true)],
            [new Measurement("BrokerRunAsync", figures.OursNanoseconds, null), new Measurement("RawRabbitMqRpc", figures.RawNanoseconds, null)],
            new Dictionary<string, double> { ["callsPerRound"] = BrokerCallProbe.CallsPerRound, ["rounds"] = BrokerCallProbe.Rounds, ["payloadBytes"] = figures.PayloadBytes, ["timeOverRaw"] = System.Math.Round(ratio, 3) });
    }

    private static string Rate(int tasks, double nanoseconds) => Format.Number(System.Math.Round(tasks / (nanoseconds / 1e9)));
}
