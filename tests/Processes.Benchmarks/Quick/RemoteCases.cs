using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Processes.Benchmarks.Aot;
using Processes.Benchmarks.Cases;
using Processes.Benchmarks.Remote;

namespace Processes.Benchmarks.Quick;

/// <summary>The cases across processes: a worker process on a named pipe, and the AOT-published worker's size and start-up.</summary>
internal static class RemoteCases
{
    /// <summary>aot-worker's size limit: 8 MB in decimal megabytes, the stricter reading.</summary>
    private const long MaxWorkerBytes = 8_000_000;

    /// <summary>
    /// remote-call, interleaved: one call at a time through the typed proxy to the worker process
    /// against one raw echo at a time to the echo server process (RemoteCallBenchmarks' two sides,
    /// which check before timing that both echo the payload intact).
    /// </summary>
    public static CaseResult RemoteCall()
    {
        Console.WriteLine("remote-call");
        var sides = new RemoteCallBenchmarks();
        sides.StartServersAndConnect();
        try
        {
            async ValueTask Ours(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    await sides.RunEchoTaskOnWorker().ConfigureAwait(false);
                }
            }

            async ValueTask Raw(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    await sides.RawEchoOverPipe().ConfigureAwait(false);
                }
            }

            var pair = Interleaved.Measure("RunAsync(EchoTask)", Ours, "raw echo", Raw);
            var facts = pair.Facts();
            facts["payloadBytes"] = sides.PayloadBytes;
            return new CaseResult(
                "remote-call",
                $"{Format.Duration(pair.Ours.WallNanoseconds)} (CPU {Format.Duration(pair.Ours.CpuNanoseconds)}), {Format.Bytes((long)Math.Round(pair.Ours.AllocatedBytes))}/call (client side), {sides.PayloadBytes} B payload",
                $"{Format.Duration(pair.Baseline.WallNanoseconds)} raw pipe echo (CPU {Format.Duration(pair.Baseline.CpuNanoseconds)})",
                pair.Describe(),
                "≤ 1.3× time (median of rounds)",
                [new TargetCheck("time ratio", pair.MedianRatio, 1.3, AtMost: true)],
                pair.Measurements,
                facts);
        }
        finally
        {
            sides.StopServers();
        }
    }

    /// <summary>
    /// remote-throughput, interleaved: batches of 64 calls in flight on one ProcessClient against
    /// 64 raw echoes on one pipe, once to the echo server that reads frame by frame (the earlier
    /// baseline) and once to the batching server with the batching client (the fair one: both
    /// batch reads and writes as the SDK does). Target on the fair one.
    /// </summary>
    public static CaseResult RemoteThroughput()
    {
        Console.WriteLine("remote-throughput");
        return RemoteThroughputAsync().GetAwaiter().GetResult();
    }

    private static async Task<CaseResult> RemoteThroughputAsync()
    {
        const int InFlight = RemoteThroughputBenchmarks.ConcurrentCalls;
        const int PayloadBytes = RemoteThroughputBenchmarks.PayloadBytes;
        var payload = new byte[PayloadBytes];
        await using var servers = await RemoteServers.StartAsync();
        await using var frameByFrame = await RawPipelinedEchoClient.ConnectAsync(servers.EchoPipe, servers.Timeout);
        await using var batched = await RawBatchedEchoClient.ConnectAsync(servers.BatchedEchoPipe, servers.Timeout);
        var calls = new Task<Worker.EchoTask>[InFlight];
        var echoes = new Task<int>[InFlight];

        async ValueTask Ours(int count)
        {
            for (var batch = 0; batch < count; batch++)
            {
                for (var i = 0; i < InFlight; i++)
                {
                    calls[i] = servers.Client.RunAsync(new Worker.EchoTask { Payload = payload }).AsTask();
                }

                await Task.WhenAll(calls).ConfigureAwait(false);
            }
        }

        async ValueTask RawFrameByFrame(int count)
        {
            for (var batch = 0; batch < count; batch++)
            {
                for (var i = 0; i < InFlight; i++)
                {
                    echoes[i] = frameByFrame.EchoAsync(PayloadBytes);
                }

                await Task.WhenAll(echoes).ConfigureAwait(false);
            }
        }

        async ValueTask RawBatched(int count)
        {
            for (var batch = 0; batch < count; batch++)
            {
                for (var i = 0; i < InFlight; i++)
                {
                    echoes[i] = batched.EchoAsync(PayloadBytes);
                }

                await Task.WhenAll(echoes).ConfigureAwait(false);
            }
        }

        // Every reply must reach its caller intact before anything is timed.
        await Ours(1);
        await RawBatched(1);
        if (Array.Exists(calls, call => call.Result.Echo.Length != PayloadBytes) || Array.Exists(echoes, echo => echo.Result != PayloadBytes))
        {
            throw new InvalidOperationException("remote-throughput: an echo came back with the wrong size.");
        }

        // Time ratio per batch; throughput ratio = its inverse.
        var fair = Interleaved.Measure("64 RunAsync(EchoTask)", Ours, "64 raw echoes, batched", RawBatched);
        var old = Interleaved.Measure("64 RunAsync(EchoTask)", Ours, "64 raw echoes, frame by frame", RawFrameByFrame, rounds: 11);
        var oursPerSecond = CallsPerSecond(fair.Ours.WallNanoseconds);
        var batchedPerSecond = CallsPerSecond(fair.Baseline.WallNanoseconds);
        var frameByFramePerSecond = CallsPerSecond(old.Baseline.WallNanoseconds);
        var ratio = 1 / fair.MedianRatio;
        var facts = fair.Facts();
        foreach (var (name, fact) in old.Facts("frameByFrame.")) facts[name] = fact;
        facts["concurrentCalls"] = InFlight;
        facts["payloadBytes"] = PayloadBytes;
        facts["oursCallsPerSecond"] = Math.Round(oursPerSecond);
        facts["baselineCallsPerSecond"] = Math.Round(batchedPerSecond);
        facts["frameByFrameCallsPerSecond"] = Math.Round(frameByFramePerSecond);
        return new CaseResult(
            "remote-throughput",
            $"{Format.Thousands(oursPerSecond)} calls/s (64 in flight, 256 B); client CPU {Format.Duration(fair.Ours.CpuNanoseconds / InFlight)}/call (raw batched {Format.Duration(fair.Baseline.CpuNanoseconds / InFlight)})",
            $"{Format.Thousands(batchedPerSecond)} echoes/s raw batched; {Format.Thousands(frameByFramePerSecond)} echoes/s raw frame by frame",
            $"{Format.Ratio(ratio)} of raw batched (time {fair.Describe()}); {Format.Ratio(1 / old.MedianRatio)} of raw frame by frame",
            "≥ 0.8× calls/s of raw batched (median of rounds)",
            [new TargetCheck("throughput ratio", ratio, 0.8, AtMost: false)],
            [.. fair.Measurements, old.Measurements[1]],
            facts);
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
