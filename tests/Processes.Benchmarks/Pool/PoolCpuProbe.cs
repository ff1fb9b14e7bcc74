using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Worker;
using Processes.Pool;

namespace Processes.Benchmarks.Pool;

/// <summary>
/// pool-cpu: <see cref="Tasks"/> CPU-bound <see cref="SpinTask"/>s (≈0.1 ms of arithmetic each) run
/// through a pool of one and of two worker processes (two slots each), and of two workers with one
/// slot each and two runs sent ahead (<see cref="ProcessPoolOptions.RunAheadPerWorker"/>), against
/// the same function called in one
/// loop and through <c>Parallel.ForEach</c> in this process. Every configuration runs once per
/// round, in turn, and every result is checked.
/// </summary>
internal static class PoolCpuProbe
{
    public const int Tasks = 10_000;
    public const int Rounds = 5;
    public const int SpinRounds = 60_000;

    // Two slots per worker: one task runs while the next one's request and the last one's answer
    // are on the pipe, so a worker's core is not idle for a round trip between tasks.
    private const int SlotsPerWorker = 2;

    public static async Task<PoolCpuFigures> MeasureAsync()
    {
        var expected = Enumerable.Range(0, Tasks).Select(i => SpinTask.Work(i, SpinRounds)).ToArray();
        await using var one = await BenchmarkPool.StartAsync(workers: 1, SlotsPerWorker);
        await using var two = await BenchmarkPool.StartAsync(workers: 2, SlotsPerWorker);
        await using var ahead = await BenchmarkPool.StartAsync(workers: 2, slotsPerWorker: 1, runAhead: 2);
        await PoolAsync(one, expected, 200);
        await PoolAsync(two, expected, 200);
        await PoolAsync(ahead, expected, 200);
        Sequential(expected);
        ParallelForEach(expected);

        var (sequential, parallel, oneWorker, twoWorkers, ratio) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (twoAhead, aheadRatio) = (new List<double>(), new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            sequential.Add(Sequential(expected));
            parallel.Add(ParallelForEach(expected));
            oneWorker.Add(await PoolAsync(one, expected, Tasks));
            twoWorkers.Add(await PoolAsync(two, expected, Tasks));
            twoAhead.Add(await PoolAsync(ahead, expected, Tasks));
            ratio.Add(twoWorkers[^1] / parallel[^1]);
            aheadRatio.Add(twoAhead[^1] / parallel[^1]);
        }

        return new PoolCpuFigures(
            RoundStatistics.Of(sequential),
            RoundStatistics.Of(parallel),
            RoundStatistics.Of(oneWorker),
            RoundStatistics.Of(twoWorkers),
            RoundStatistics.Of(ratio),
            RoundStatistics.Of(twoAhead),
            RoundStatistics.Of(aheadRatio));
    }

    private static double Sequential(long[] expected)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < expected.Length; i++)
        {
            Check(i, SpinTask.Work(i, SpinRounds), expected);
        }

        return clock.Elapsed.TotalNanoseconds;
    }

    private static double ParallelForEach(long[] expected)
    {
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(Enumerable.Range(0, expected.Length), i => Check(i, SpinTask.Work(i, SpinRounds), expected));
        return clock.Elapsed.TotalNanoseconds;
    }

    private static async Task<double> PoolAsync(ProcessPool pool, long[] expected, int count)
    {
        var clock = Stopwatch.StartNew();
        var runs = new Task[count];
        for (var i = 0; i < count; i++)
        {
            runs[i] = RunOneAsync(pool, i, expected);
        }

        await Task.WhenAll(runs);
        return clock.Elapsed.TotalNanoseconds;
    }

    private static async Task RunOneAsync(ProcessPool pool, int i, long[] expected)
    {
        var task = await pool.RunAsync(new SpinTask { Seed = i, Rounds = SpinRounds });
        Check(i, task.Result, expected);
    }

    private static void Check(int i, long actual, long[] expected)
    {
        if (actual != expected[i])
        {
            throw new InvalidOperationException($"pool-cpu: item {i} computed {actual}, expected {expected[i]}.");
        }
    }
}
