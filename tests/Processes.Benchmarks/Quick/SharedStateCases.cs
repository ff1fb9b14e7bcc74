using System.Collections.Generic;
using Processes.Benchmarks.Cases;

namespace Processes.Benchmarks.Quick;

/// <summary>Shared state updates in process (against a lock and Interlocked) and on a worker (against a raw pipe round trip).</summary>
internal static class SharedStateCases
{
    public static CaseResult InProcess(PairRunner runner)
    {
        var pair = runner.Run(typeof(SharedStateBenchmarks), nameof(SharedStateBenchmarks.UpdateSharedState), nameof(SharedStateBenchmarks.IncrementUnderLock), QuickJobs.Micro);
        return new CaseResult(
            "shared-state-inproc",
            $"{Format.Duration(pair.Ours.MedianNanoseconds)}, {Format.Bytes(pair.Ours.AllocatedBytesPerOperation)}/update",
            $"{Format.Duration(pair.Baseline.MedianNanoseconds)} increment under a lock",
            Format.Ratio(pair.TimeRatio),
            "≤ 5 µs per update",
            [new TargetCheck("update time (ns)", pair.Ours.MedianNanoseconds, 5_000, AtMost: true)],
            [pair.Ours, pair.Baseline],
            new Dictionary<string, double>());
    }

    public static CaseResult Remote(PairRunner runner)
    {
        var pair = runner.Run(typeof(SharedStateRemoteBenchmarks), nameof(SharedStateRemoteBenchmarks.UpdateSharedStateOnWorker), nameof(SharedStateRemoteBenchmarks.RawEchoOverPipe), QuickJobs.Micro);
        return new CaseResult(
            "shared-state-remote",
            $"{Format.Duration(pair.Ours.MedianNanoseconds)}, {Format.Bytes(pair.Ours.AllocatedBytesPerOperation)}/update (client side)",
            $"{Format.Duration(pair.Baseline.MedianNanoseconds)} raw pipe echo of 16 B",
            Format.Ratio(pair.TimeRatio),
            "≤ 3.0× time (a compare-and-set is two round trips)",
            [new TargetCheck("time ratio", pair.TimeRatio, 3.0, AtMost: true)],
            [pair.Ours, pair.Baseline],
            new Dictionary<string, double>());
    }
}
