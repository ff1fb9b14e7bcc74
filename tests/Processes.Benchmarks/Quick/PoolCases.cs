using System.Collections.Generic;
using Processes.Benchmarks.Map;
using Processes.Benchmarks.Pool;

namespace Processes.Benchmarks.Quick;

/// <summary>The pool against Parallel.ForEach and a raw pipe round trip, and the maps against Parallel.ForEach.</summary>
internal static class PoolCases
{
    private const double MaxPoolCpuOverParallel = 1.5;
    private const double MaxPoolCallOverRaw = 4.0;

    public static CaseResult PoolCpu()
    {
        var figures = PoolCpuProbe.MeasureAsync().GetAwaiter().GetResult();
        var ratio = figures.TwoWorkersAheadOverParallel;
        var speedup = figures.OneWorker.Median / figures.TwoWorkersAhead.Median;
        var efficiency = figures.Sequential.Median / figures.TwoWorkersAhead.Median / 2;
        return new CaseResult(
            "pool-cpu",
            $"{PoolCpuProbe.Tasks:N0} CPU-bound tasks (≈{Format.Duration(figures.Sequential.Median / PoolCpuProbe.Tasks)} each) on a pool: 1 worker {Format.Duration(figures.OneWorker.Median)}, 2 workers {Format.Duration(figures.TwoWorkers.Median)} ({Format.Ratio(figures.TwoWorkersOverParallel.Median)} Parallel.ForEach), 2 workers × 1 slot with 2 runs ahead {Format.Duration(figures.TwoWorkersAhead.Median)} (speed-up over 1 worker {Format.Ratio(speedup)}, efficiency {Format.Number(System.Math.Round(efficiency * 100))}% of 2 cores)",
            $"the same function in one process: Parallel.ForEach {Format.Duration(figures.ParallelForEach.Median)}, one loop {Format.Duration(figures.Sequential.Median)}",
            $"{Format.Ratio(ratio.Median)} (rounds {ratio.RatioSpread})",
            $"2 workers with run-ahead ≤ {Format.Number(MaxPoolCpuOverParallel)}× Parallel.ForEach",
            [new TargetCheck("2 workers with run-ahead over Parallel.ForEach", ratio.Median, MaxPoolCpuOverParallel, AtMost: true)],
            [new Measurement("Pool2Workers", figures.TwoWorkers.Median, null), new Measurement("Pool2WorkersAhead", figures.TwoWorkersAhead.Median, null), new Measurement("ParallelForEach", figures.ParallelForEach.Median, null)],
            new Dictionary<string, double>
            {
                ["tasks"] = PoolCpuProbe.Tasks,
                ["rounds"] = PoolCpuProbe.Rounds,
                ["sequentialNs"] = figures.Sequential.Median,
                ["parallelForEachNs"] = figures.ParallelForEach.Median,
                ["oneWorkerNs"] = figures.OneWorker.Median,
                ["twoWorkersNs"] = figures.TwoWorkers.Median,
                ["twoWorkersAheadNs"] = figures.TwoWorkersAhead.Median,
                ["twoWorkersOverParallel"] = System.Math.Round(figures.TwoWorkersOverParallel.Median, 3),
                ["speedupOneToTwo"] = System.Math.Round(speedup, 3),
                ["efficiencyTwoCores"] = System.Math.Round(efficiency, 3),
                ["ratioMin"] = System.Math.Round(ratio.Min, 3),
                ["ratioMax"] = System.Math.Round(ratio.Max, 3),
            });
    }

    public static CaseResult PoolOverhead()
    {
        var figures = PoolOverheadProbe.MeasureAsync().GetAwaiter().GetResult();
        return new CaseResult(
            "pool-overhead",
            $"one trivial task at a time through a 1-worker pool: {Format.Duration(figures.PoolCall.Median)} per task",
            $"raw named-pipe round trip of the same {figures.PayloadBytes} B: {Format.Duration(figures.RawRoundTrip.Median)}",
            $"{Format.Ratio(figures.Ratio.Median)} (rounds {figures.Ratio.RatioSpread})",
            $"≤ {Format.Number(MaxPoolCallOverRaw)}× raw",
            [new TargetCheck("pool call over raw round trip", figures.Ratio.Median, MaxPoolCallOverRaw, AtMost: true)],
            [new Measurement("PoolRunAsync", figures.PoolCall.Median, null), new Measurement("RawRoundTrip", figures.RawRoundTrip.Median, null)],
            new Dictionary<string, double>
            {
                ["callsPerRound"] = PoolOverheadProbe.CallsPerRound,
                ["rounds"] = PoolOverheadProbe.Rounds,
                ["ratioMin"] = System.Math.Round(figures.Ratio.Min, 3),
                ["ratioMax"] = System.Math.Round(figures.Ratio.Max, 3),
            });
    }

    public static CaseResult Map()
    {
        var figures = MapProbe.MeasureAsync().GetAwaiter().GetResult();
        var perItemClient = figures.ClientMap.Median / 1e3;
        return new CaseResult(
            "map",
            $"{MapProbe.Items:N0} trivial tasks: client MapAsync {Format.Duration(figures.ClientMap.Median)}/item, a step's StartChildren (checkpointed children) {Format.Duration(figures.StepMap.Median)}/item ({Format.Duration(figures.SmallStepMap.Median)}/item for {MapProbe.SmallItems:N0}), the step's map chunked ({MapProbe.ChunkSize} items per child) by hand {Format.Duration(figures.ChunkedStepMap.Median)}/item, by MapOptions.ChunkSize {Format.Duration(figures.BuiltInChunkedStepMap.Median)}/item (zproc: ≈{Format.Number(MapProbe.ZprocMicrosecondsPerItem)} µs/item)",
            $"Parallel.ForEach over the same function: {Format.Duration(figures.ParallelForEach.Median)}/item",
            $"{Format.Ratio(figures.ClientMapOverParallel.Median)} / {Format.Ratio(figures.StepMapOverParallel.Median)} (rounds {figures.ClientMapOverParallel.RatioSpread} / {figures.StepMapOverParallel.RatioSpread})",
            $"MapAsync ≤ zproc's {Format.Number(MapProbe.ZprocMicrosecondsPerItem)} µs/item",
            [new TargetCheck("MapAsync µs per item", perItemClient, MapProbe.ZprocMicrosecondsPerItem, AtMost: true)],
            [new Measurement("ClientMapAsync", figures.ClientMap.Median, null), new Measurement("StepStartChildren", figures.StepMap.Median, null), new Measurement("StepStartChildrenChunked", figures.ChunkedStepMap.Median, null), new Measurement("StepMapChunkSize", figures.BuiltInChunkedStepMap.Median, null), new Measurement("ParallelForEach", figures.ParallelForEach.Median, null)],
            new Dictionary<string, double>
            {
                ["items"] = MapProbe.Items,
                ["rounds"] = MapProbe.Rounds,
                ["clientMapNsPerItem"] = figures.ClientMap.Median,
                ["stepMapNsPerItem"] = figures.StepMap.Median,
                ["smallStepMapNsPerItem"] = figures.SmallStepMap.Median,
                ["chunkedStepMapNsPerItem"] = figures.ChunkedStepMap.Median,
                ["builtInChunkedStepMapNsPerItem"] = figures.BuiltInChunkedStepMap.Median,
                ["chunkSize"] = MapProbe.ChunkSize,
                ["parallelForEachNsPerItem"] = figures.ParallelForEach.Median,
            });
    }
}
