using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Linq;
using System.Threading.Tasks;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// A batch of <c>count</c> operations of one side of a pair. The loop is inside the delegate, so
/// no per-operation delegate call is measured; a side that completes synchronously returns a
/// completed <see cref="ValueTask"/>.
/// </summary>
internal delegate ValueTask Batch(int count);

/// <summary>One side of an interleaved pair, summed over the rounds: medians per operation.</summary>
internal sealed record InterleavedSide(string Name, double WallNanoseconds, double CpuNanoseconds, double AllocatedBytes, double BestWallNanoseconds);

/// <summary>
/// An interleaved pair: per round, "ours" and the baseline run back to back (which goes first
/// alternates), so both see the same machine load; the verdict is the median of the per-round
/// ratios, with their spread.
/// </summary>
internal sealed record InterleavedPair(
    InterleavedSide Ours,
    InterleavedSide Baseline,
    IReadOnlyList<double> WallRatios,
    IReadOnlyList<double> CpuRatios)
{
    public double MedianRatio => Statistics.Median(WallRatios);

    public double MedianCpuRatio => Statistics.Median(CpuRatios);

    /// <summary>The fastest sample of ours over the fastest of the baseline: the least disturbed by other work on the machine.</summary>
    public double BestRatio => Ours.BestWallNanoseconds / Baseline.BestWallNanoseconds;

    /// <summary>"1.02× (0.95–1.10, IQR 0.99–1.04)": the median ratio, its range and its interquartile range.</summary>
    public string Describe() =>
        $"{Format.Ratio(MedianRatio)} ({Format.Ratio(WallRatios.Min())}–{Format.Ratio(WallRatios.Max())}, IQR {Format.Ratio(Statistics.Quantile(WallRatios, 0.25))}–{Format.Ratio(Statistics.Quantile(WallRatios, 0.75))}); CPU {Format.Ratio(MedianCpuRatio)}; best {Format.Ratio(BestRatio)}";

    public IReadOnlyList<Measurement> Measurements =>
    [
        new(Ours.Name, Ours.WallNanoseconds, (long)Math.Round(Ours.AllocatedBytes)),
        new(Baseline.Name, Baseline.WallNanoseconds, (long)Math.Round(Baseline.AllocatedBytes)),
    ];

    public Dictionary<string, double> Facts(string prefix = "") => new()
    {
        [prefix + "medianRatio"] = MedianRatio,
        [prefix + "minRatio"] = WallRatios.Min(),
        [prefix + "maxRatio"] = WallRatios.Max(),
        [prefix + "q1Ratio"] = Statistics.Quantile(WallRatios, 0.25),
        [prefix + "q3Ratio"] = Statistics.Quantile(WallRatios, 0.75),
        [prefix + "medianCpuRatio"] = MedianCpuRatio,
        [prefix + "bestRatio"] = BestRatio,
        [prefix + "oursCpuNanoseconds"] = Ours.CpuNanoseconds,
        [prefix + "baselineCpuNanoseconds"] = Baseline.CpuNanoseconds,
        [prefix + "rounds"] = WallRatios.Count,
    };
}

/// <summary>
/// The quick mode's measurement of microbenchmark pairs: warm both sides, size a batch to about
/// <see cref="SampleMilliseconds"/> ms (at least <see cref="MinimumPerSample"/> operations), then <see cref="Rounds"/> rounds of one batch of each
/// side, alternating which goes first. Wall time (Stopwatch), CPU time of the whole process
/// (<see cref="Environment.CpuUsage"/>: thread-pool work a side causes is counted) and bytes
/// allocated by all threads (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) per operation. A full
/// collection precedes every sample (not timed).
/// </summary>
internal static class Interleaved
{
    public const int Rounds = 21;

    public const double SampleMilliseconds = 15;

    public const int MinimumPerSample = 8;

    /// <param name="threadCpu">
    /// Count the CPU time of the measuring thread only (<c>CLOCK_THREAD_CPUTIME_ID</c>), for sides that run synchronously on it: unlike wall time it hardly moves when
    /// other programs take the cores. Otherwise the whole process's CPU time.
    /// </param>
    /// <param name="sameCount">
    /// Run both sides with the same number of operations per batch (the smaller of the two
    /// calibrated counts), for pairs that allocate the same per operation. Each batch starts from
    /// a collected heap, so the collections inside a batch depend on how much it allocates: with
    /// batches sized apart, a side that allocates large objects (the 800 KB list of codec-doubles)
    /// could run its whole batch inside the collector's budget while the other crossed it every few
    /// operations, and the ratio of one run swung from 0.05× to 16× with the code unchanged.
    /// </param>
    public static InterleavedPair Measure(string oursName, Batch ours, string baselineName, Batch baseline, int rounds = Rounds, double sampleMilliseconds = SampleMilliseconds, bool threadCpu = false, bool sameCount = false)
    {
        var oursCount = Calibrate(ours, sampleMilliseconds);
        var baselineCount = Calibrate(baseline, sampleMilliseconds);
        if (sameCount)
        {
            oursCount = baselineCount = Math.Min(oursCount, baselineCount);
        }

        var oursSamples = new List<Sample>(rounds);
        var baselineSamples = new List<Sample>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                oursSamples.Add(Run(ours, oursCount, threadCpu));
                baselineSamples.Add(Run(baseline, baselineCount, threadCpu));
            }
            else
            {
                baselineSamples.Add(Run(baseline, baselineCount, threadCpu));
                oursSamples.Add(Run(ours, oursCount, threadCpu));
            }
        }

        var wallRatios = oursSamples.Zip(baselineSamples, (o, b) => o.Wall / b.Wall).ToList();
        var cpuRatios = oursSamples.Zip(baselineSamples, (o, b) => o.Cpu / Math.Max(b.Cpu, 1e-3)).ToList();
        Console.WriteLine($"  {oursName} vs {baselineName}: {oursCount} and {baselineCount} per sample, ratio {Format.Ratio(Statistics.Median(wallRatios))} (min {Format.Ratio(wallRatios.Min())}, max {Format.Ratio(wallRatios.Max())}), CPU {Format.Ratio(Statistics.Median(cpuRatios))}, best {Format.Ratio(oursSamples.Min(sample => sample.Wall) / baselineSamples.Min(sample => sample.Wall))}");
        return new InterleavedPair(Summarize(oursName, oursSamples), Summarize(baselineName, baselineSamples), wallRatios, cpuRatios);
    }

    private static InterleavedSide Summarize(string name, List<Sample> samples) => new(
        name,
        Statistics.Median(samples.Select(sample => sample.Wall).ToList()),
        Statistics.Median(samples.Select(sample => sample.Cpu).ToList()),
        Statistics.Median(samples.Select(sample => sample.Bytes).ToList()),
        samples.Min(sample => sample.Wall));

    /// <summary>
    /// Warms the side up (JIT tiers, pools), then finds the batch size of one sample. A side made
    /// of many methods (the runtime's async state machines) reaches its final JIT tier long after
    /// a single small method does (each method goes through tier 0, an instrumented tier and tier
    /// 1, compiled in the background): sizing its batch while part of it still ran unoptimized gave
    /// batches of the minimum size and medians taken half-warm. So the warm-up lasts until the JIT
    /// has compiled nothing for <see cref="JitQuietMilliseconds"/> ms and the time per operation of
    /// <see cref="SettledBatches"/> batches in a row agrees within <see cref="SettledSpread"/> (at
    /// least <see cref="MinimumWarmupMilliseconds"/> ms, at most <see cref="MaximumWarmupMilliseconds"/>
    /// ms), and the batch is sized from their median.
    /// </summary>
    private static int Calibrate(Batch side, double sampleMilliseconds)
    {
        var count = 1;
        var clock = Stopwatch.StartNew();
        var recent = new Queue<double>();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var lastCompiledAt = clock.ElapsedMilliseconds;
        while (true)
        {
            if (System.Runtime.JitInfo.GetCompiledMethodCount() is var now && now != compiled)
            {
                compiled = now;
                lastCompiledAt = clock.ElapsedMilliseconds;
            }

            var started = Stopwatch.GetTimestamp();
            Wait(side(count));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (elapsed < sampleMilliseconds)
            {
                // Still growing the batch: earlier times are of other batch sizes.
                count = (int)Math.Min(int.MaxValue / 2, count * 2L);
                recent.Clear();
                continue;
            }

            recent.Enqueue(elapsed / count);
            if (recent.Count > SettledBatches)
            {
                recent.Dequeue();
            }

            var settled = recent.Count == SettledBatches && recent.Max() <= recent.Min() * SettledSpread
                && clock.ElapsedMilliseconds - lastCompiledAt >= JitQuietMilliseconds;
            if (clock.ElapsedMilliseconds >= MaximumWarmupMilliseconds || (settled && clock.ElapsedMilliseconds >= MinimumWarmupMilliseconds))
            {
                // At least MinimumPerSample operations, so a sample of large operations is not one GC's luck.
                var perOperation = Statistics.Median([.. recent]);
                return Math.Max(MinimumPerSample, (int)Math.Min(int.MaxValue / 2, sampleMilliseconds / perOperation));
            }
        }
    }

    private const int SettledBatches = 3;

    private const double SettledSpread = 1.15;

    private const int MinimumWarmupMilliseconds = 300;

    private const int MaximumWarmupMilliseconds = 5000;

    private const int JitQuietMilliseconds = 250;

    private static Sample Run(Batch side, int count, bool threadCpu)
    {
        // Each side starts from a collected heap: otherwise one side would pay for the garbage
        // the other left (the records and lists of the codec cases make megabytes per batch).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = CpuNanoseconds(threadCpu);
        var started = Stopwatch.GetTimestamp();
        Wait(side(count));
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = CpuNanoseconds(threadCpu) - cpuBefore;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        return new Sample(wall.TotalNanoseconds / count, cpu / count, (double)bytes / count);
    }

    private static double CpuNanoseconds(bool thread) =>
        thread && ThreadCpuClock.TryRead(out var nanoseconds) ? nanoseconds : Environment.CpuUsage.TotalTime.TotalNanoseconds;

    private static void Wait(ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return;
        }

        pending.AsTask().GetAwaiter().GetResult();
    }

    private readonly record struct Sample(double Wall, double Cpu, double Bytes);
}

/// <summary>Medians and quantiles of small samples (linear interpolation between ranks).</summary>
internal static class Statistics
{
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    public static double Quantile(IReadOnlyList<double> values, double quantile)
    {
        var sorted = values.OrderBy(value => value).ToArray();
        var rank = quantile * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }
}

/// <summary>The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanosecond resolution).</summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3;

    public static bool TryRead(out double nanoseconds)
    {
        nanoseconds = 0;
        if (!OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuTimeClock, out var time) != 0)
        {
            return false;
        }

        nanoseconds = (time.Seconds * 1e9) + time.Nanoseconds;
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
