using System;
using System.Collections.Generic;
using System.IO;
using Processes.Benchmarks.Aot;
using Processes.Benchmarks.Cases;

namespace Processes.Benchmarks.Quick;

/// <summary>The cases across processes: a worker process on a named pipe, and the AOT-published worker's size and start-up.</summary>
internal static class RemoteCases
{
    /// <summary>aot-worker's size limit: 8 MB in decimal megabytes, the stricter reading.</summary>
    private const long MaxWorkerBytes = 8_000_000;

    public static CaseResult RemoteCall(PairRunner runner)
    {
        var pair = runner.Run(typeof(RemoteCallBenchmarks), nameof(RemoteCallBenchmarks.RunEchoTaskOnWorker), nameof(RemoteCallBenchmarks.RawEchoOverPipe), QuickJobs.Micro);
        return new CaseResult(
            "remote-call",
            $"{Format.Duration(pair.Ours.MedianNanoseconds)}, {Format.Bytes(pair.Ours.AllocatedBytesPerOperation)}/call (client side), 256 B payload",
            $"{Format.Duration(pair.Baseline.MedianNanoseconds)} raw pipe echo",
            Format.Ratio(pair.TimeRatio),
            "≤ 1.5× time",
            [new TargetCheck("time ratio", pair.TimeRatio, 1.5, AtMost: true)],
            [pair.Ours, pair.Baseline],
            new Dictionary<string, double> { ["payloadBytes"] = 256 });
    }

    public static CaseResult RemoteThroughput(PairRunner runner)
    {
        var pair = runner.Run(typeof(RemoteThroughputBenchmarks), nameof(RemoteThroughputBenchmarks.SixtyFourConcurrentRemoteCalls), nameof(RemoteThroughputBenchmarks.SixtyFourPipelinedRawEchoes), QuickJobs.Micro);
        var oursPerSecond = CallsPerSecond(pair.Ours.MedianNanoseconds);
        var rawPerSecond = CallsPerSecond(pair.Baseline.MedianNanoseconds);
        var ratio = oursPerSecond / rawPerSecond;
        return new CaseResult(
            "remote-throughput",
            $"{Format.Thousands(oursPerSecond)} calls/s (64 in flight, 256 B)",
            $"{Format.Thousands(rawPerSecond)} echoes/s (raw, pipelined)",
            Format.Ratio(ratio),
            "≥ 0.7× calls/s",
            [new TargetCheck("throughput ratio", ratio, 0.7, AtMost: false)],
            [pair.Ours, pair.Baseline],
            new Dictionary<string, double>
            {
                ["concurrentCalls"] = RemoteThroughputBenchmarks.ConcurrentCalls,
                ["payloadBytes"] = RemoteThroughputBenchmarks.PayloadBytes,
                ["oursCallsPerSecond"] = Math.Round(oursPerSecond),
                ["baselineCallsPerSecond"] = Math.Round(rawPerSecond),
            });
    }

    public static CaseResult AotWorker(string aotFolder, string logFolder)
    {
        AotBinaries binaries;
        try
        {
            binaries = AotBinaries.FindOrPublish(aotFolder, logFolder);
        }
        catch (InvalidOperationException exception)
        {
            // No binary, no number: the row says why instead of measuring something else.
            Console.WriteLine(exception.Message);
            return CaseResult.Pending("aot-worker", "≤ 8 MB, ≤ 5× start time", "a successful Native AOT publish: " + exception.Message);
        }

        var workerBytes = new FileInfo(binaries.Worker).Length;
        var (workerNanoseconds, minimalNanoseconds) = AotStartupProbe.MeasureAsync(binaries).GetAwaiter().GetResult();
        var ratio = workerNanoseconds / minimalNanoseconds;
        return new CaseResult(
            "aot-worker",
            $"{Format.Megabytes(workerBytes)} binary; {Format.Duration(workerNanoseconds)} start → first call answered",
            $"{Format.Duration(minimalNanoseconds)} start → exit (minimal AOT program)",
            Format.Ratio(ratio),
            "≤ 8 MB, ≤ 5× start time",
            [new TargetCheck("binary bytes", workerBytes, MaxWorkerBytes, AtMost: true), new TargetCheck("start time ratio", ratio, 5.0, AtMost: true)],
            [new Measurement("WorkerStartToFirstServedCall", workerNanoseconds, null), new Measurement("MinimalProgramStartToExit", minimalNanoseconds, null)],
            new Dictionary<string, double>
            {
                ["workerBinaryBytes"] = workerBytes,
                ["minimalBinaryBytes"] = new FileInfo(binaries.MinimalProgram).Length,
                ["measuredStarts"] = AotStartupProbe.MeasuredRuns,
            });
    }

    private static double CallsPerSecond(double nanosecondsPerBatch) => RemoteThroughputBenchmarks.ConcurrentCalls * 1e9 / nanosecondsPerBatch;
}
