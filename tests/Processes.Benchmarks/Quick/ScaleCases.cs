using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using MemoryPack;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// process-scale: 1,000, 10,000 and 100,000 <see cref="GatedProcess"/>es alive at once on one
/// runtime (in-memory store), each run by <c>RunAsync</c>; all wait on one gate, which opens once
/// all have started; then each finishes. Baseline: as many async methods doing the same three
/// steps behind the same gate, with a MemoryPack serialization of the state after each step.
/// Per-process wall and CPU time (whole process) and bytes allocated; rounds alternate ours and
/// baseline. Verdict: the per-process cost is flat, at most 1.5× at 100,000 what it is at 1,000.
/// </summary>
internal static class ScaleCases
{
    private static readonly int[] Sizes = [1_000, 10_000, 100_000];
    private const double MaxGrowth = 1.5;

    public static CaseResult ProcessScale()
    {
        Console.WriteLine("process-scale");
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        try
        {
            var rows = new List<(int Size, Sample Ours, Sample Baseline)>();
            foreach (var size in Sizes)
            {
                const int rounds = 3;
                // Warm-up round of each, not kept.
                RunOurs(runtime, size);
                RunBaseline(size);
                var ours = new List<Sample>();
                var baseline = new List<Sample>();
                for (var round = 0; round < rounds; round++)
                {
                    if (round % 2 == 0)
                    {
                        ours.Add(RunOurs(runtime, size));
                        baseline.Add(RunBaseline(size));
                    }
                    else
                    {
                        baseline.Add(RunBaseline(size));
                        ours.Add(RunOurs(runtime, size));
                    }
                }

                var row = (size, Median(ours), Median(baseline));
                rows.Add(row);
                Console.WriteLine($"  {size:N0}: ours {Format.Duration(row.Item2.Wall)} (CPU {Format.Duration(row.Item2.Cpu)}, GC pauses {Format.Duration(row.Item2.GcPause)}, {row.Item2.Gen2Collections} gen 2), {row.Item2.Bytes:N0} B per process; baseline {Format.Duration(row.Item3.Wall)} (CPU {Format.Duration(row.Item3.Cpu)}, GC pauses {Format.Duration(row.Item3.GcPause)}, {row.Item3.Gen2Collections} gen 2), {row.Item3.Bytes:N0} B");
            }

            var first = rows[0];
            var last = rows[^1];
            var wallGrowth = last.Ours.Wall / first.Ours.Wall;
            var cpuGrowth = last.Ours.Cpu / first.Ours.Cpu;
            var facts = new Dictionary<string, double>();
            foreach (var (size, ours, baseline) in rows)
            {
                facts[$"oursWallNanosecondsAt{size}"] = ours.Wall;
                facts[$"oursCpuNanosecondsAt{size}"] = ours.Cpu;
                facts[$"oursBytesAt{size}"] = ours.Bytes;
                facts[$"oursGcPauseNanosecondsAt{size}"] = ours.GcPause;
                facts[$"baselineWallNanosecondsAt{size}"] = baseline.Wall;
                facts[$"baselineCpuNanosecondsAt{size}"] = baseline.Cpu;
                facts[$"baselineBytesAt{size}"] = baseline.Bytes;
                facts[$"baselineGcPauseNanosecondsAt{size}"] = baseline.GcPause;
            }

            facts["wallGrowth"] = wallGrowth;
            facts["cpuGrowth"] = cpuGrowth;
            return new CaseResult(
                "process-scale",
                "per process at " + string.Join(" / ", rows.Select(row => $"{row.Size:N0}: {Format.Duration(row.Ours.Wall)} (CPU {Format.Duration(row.Ours.Cpu)}, GC pauses {Format.Duration(row.Ours.GcPause)}, {row.Ours.Bytes:N0} B)")),
                "async method + MemoryPack per step: " + string.Join(" / ", rows.Select(row => $"{Format.Duration(row.Baseline.Wall)} (CPU {Format.Duration(row.Baseline.Cpu)})")),
                $"100,000 vs 1,000: wall {Format.Ratio(wallGrowth)}, CPU {Format.Ratio(cpuGrowth)}; ours/baseline CPU " + string.Join(" / ", rows.Select(row => Format.Ratio(row.Ours.Cpu / row.Baseline.Cpu))),
                $"per-process cost flat within {Format.Number(MaxGrowth)}× (1,000 → 100,000)",
                [new TargetCheck("wall growth", wallGrowth, MaxGrowth, AtMost: true), new TargetCheck("CPU growth", cpuGrowth, MaxGrowth, AtMost: true)],
                rows.SelectMany(row => new[]
                {
                    new Measurement($"RunAsync(GatedProcess) x{row.Size}", row.Ours.Wall, (long)row.Ours.Bytes),
                    new Measurement($"async method + MemoryPack x{row.Size}", row.Baseline.Wall, (long)row.Baseline.Bytes),
                }).ToList(),
                facts);
        }
        finally
        {
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Sample RunOurs(ProcessRuntime runtime, int size) => Measure(size, () =>
    {
        var runs = new Task<GatedProcess>[size];
        for (var i = 0; i < size; i++)
        {
            runs[i] = runtime.RunAsync(new GatedProcess { Seed = i }).AsTask();
        }

        return runs;
    });

    private static Sample RunBaseline(int size) => Measure(size, () =>
    {
        var runs = new Task<long>[size];
        for (var i = 0; i < size; i++)
        {
            runs[i] = BaselineAsync(i);
        }

        return runs;
    });

    private static async Task<long> BaselineAsync(int seed)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var state = new GatedState();
        var process = new GatedProcess { Seed = seed };
        var wait = process.WaitAsync();
        Checkpoint(process, state, buffer);
        await wait.ConfigureAwait(false);
        process.Grow();
        Checkpoint(process, state, buffer);
        process.Finish();
        Checkpoint(process, state, buffer);
        return process.Total;

        static void Checkpoint(GatedProcess process, GatedState state, ArrayBufferWriter<byte> buffer)
        {
            buffer.ResetWrittenCount();
            process.CopyTo(state);
            MemoryPackSerializer.Serialize(buffer, state);
        }
    }

    /// <summary>
    /// Starts <paramref name="size"/> runs (all stop at the gate), opens the gate, waits for all;
    /// repeated so every sample covers 100,000 runs (a sample of 1,000 alone lasts milliseconds,
    /// which one scheduler hiccup on a shared machine doubles): per-run figures.
    /// </summary>
    private static Sample Measure(int size, Func<Task[]> start)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var repeats = Math.Max(1, 100_000 / size);
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            GatedProcess.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = start();
            GatedProcess.Gate.SetResult();
            Task.WaitAll(runs);
        }

        clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var total = (double)size * repeats;
        return new Sample(clock.Elapsed.TotalNanoseconds / total, cpu.TotalNanoseconds / total, bytes / total, pause.TotalNanoseconds / total, gen2);
    }

    private static Sample Median(List<Sample> samples) => new(
        Statistics.Median(samples.Select(sample => sample.Wall).ToList()),
        Statistics.Median(samples.Select(sample => sample.Cpu).ToList()),
        Statistics.Median(samples.Select(sample => sample.Bytes).ToList()),
        Statistics.Median(samples.Select(sample => sample.GcPause).ToList()),
        (int)Statistics.Median(samples.Select(sample => (double)sample.Gen2Collections).ToList()));

    /// <summary>Per process: wall and CPU time, bytes allocated, and the garbage collector's pause time; gen 2 collections in the whole sample.</summary>
    private readonly record struct Sample(double Wall, double Cpu, double Bytes, double GcPause, int Gen2Collections);
}
