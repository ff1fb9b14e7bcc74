using System;
using System.Collections.Generic;
using Processes.Benchmarks.BuildCost;
using Processes.Benchmarks.Cases;

namespace Processes.Benchmarks.Quick;

/// <summary>The cases still measured with BenchmarkDotNet: each runs its benchmark pair and checks its targets.</summary>
internal static class MeasuredCases
{
    public static CaseResult CheckpointCodec(PairRunner runner)
    {
        CheckpointCodecBenchmarks.VerifyRoundTrips();
        var pair = runner.Run(typeof(CheckpointCodecBenchmarks), nameof(CheckpointCodecBenchmarks.SaveAndLoadWithProcessData), nameof(CheckpointCodecBenchmarks.SaveAndLoadWithSystemTextJson), QuickJobs.Micro);
        var (ourBytes, jsonBytes) = CheckpointCodecBenchmarks.MeasurePayloadSizes();
        var speedup = 1 / pair.TimeRatio;
        var bytesRatio = (double)ourBytes / jsonBytes;
        return new CaseResult(
            "checkpoint-codec",
            $"{Format.Duration(pair.Ours.MedianNanoseconds)}, {ourBytes} B payload",
            $"{Format.Duration(pair.Baseline.MedianNanoseconds)}, {jsonBytes} B payload (STJ)",
            $"{Format.Ratio(pair.TimeRatio)} time ({Format.Number(Math.Round(speedup, 1))}× faster), {Format.Ratio(bytesRatio)} bytes",
            "≥ 5× faster, ≤ 0.5× bytes",
            [new TargetCheck("speedup", speedup, 5.0, AtMost: false), new TargetCheck("bytes ratio", bytesRatio, 0.5, AtMost: true)],
            [pair.Ours, pair.Baseline],
            new Dictionary<string, double> { ["oursPayloadBytes"] = ourBytes, ["baselinePayloadBytes"] = jsonBytes });
    }

    public static CaseResult BuildCost(PairRunner runner)
    {
        var regenerated = IncrementalEditProbe.RunOnce();
        var pair = runner.Run(typeof(BuildCostBenchmarks), nameof(BuildCostBenchmarks.CompileWithPlugins), nameof(BuildCostBenchmarks.CompileWithoutPlugins), QuickJobs.Macro);
        return new CaseResult(
            "build-cost",
            $"{Format.Duration(pair.Ours.MedianNanoseconds)}; {regenerated.Regenerated} of {regenerated.GeneratedFileCount} files regenerated after a body edit",
            $"{Format.Duration(pair.Baseline.MedianNanoseconds)} (no generator, no analyzers)",
            Format.Ratio(pair.TimeRatio),
            "≤ 1.3× time, 0 regenerated",
            [new TargetCheck("time ratio", pair.TimeRatio, 1.3, AtMost: true), new TargetCheck("regenerated files", regenerated.Regenerated, 0, AtMost: true)],
            [pair.Ours, pair.Baseline],
            new Dictionary<string, double>
            {
                ["processCount"] = ProcessSourceCorpus.ProcessCount,
                ["analyzerCount"] = CompilerPlugins.Analyzers.Length,
                ["generatedFiles"] = regenerated.GeneratedFileCount,
                ["filesWithChangedText"] = regenerated.FilesWithChangedText.Count,
                ["newTreeObjectsAfterEdit"] = regenerated.NewTreeObjectsAfterEdit,
                ["newTreeObjectsWithoutEdit"] = regenerated.NewTreeObjectsWithoutEdit,
            });
    }
}
