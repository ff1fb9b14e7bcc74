using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;

namespace Processes.Benchmarks.Map;

/// <summary>
/// map: <see cref="Items"/> trivial tasks (<see cref="SquareTask"/>) mapped three ways, in turn each
/// round, on the in-memory store: <c>Parallel.ForEach</c> over the same function (the baseline: no
/// process at all), a client's <c>MapAsync</c> on the runtime (inline tasks, ordered results), and
/// a process whose step fans out one tracked child per item (<c>StartChildren</c>, checkpointed
/// children) and sums them in the next step; and the same step map chunked, one child per
/// <see cref="ChunkSize"/> items, written by hand (<see cref="MapSquaresChunked"/>) and by the
/// runtime (<see cref="MapOptions.ChunkSize"/>, <see cref="MapSquaresBuiltInChunks"/>). Per-item costs are printed
/// beside zproc's ≈1.9 µs chunked map measured on this machine.
/// </summary>
internal static class MapProbe
{
    public const int Items = 10_000;

    /// <summary>The smaller fan-out measured beside <see cref="Items"/>, to show whether a step's map stays linear.</summary>
    public const int SmallItems = 1_000;
    public const int Rounds = 5;
    public const double ZprocMicrosecondsPerItem = 1.9;
    private const int MaxParallelism = 256;

    /// <summary>Items per child in the chunked step map: 10,000 items make 20 chunk children.</summary>
    public const int ChunkSize = 500;

    /// <summary>How many chunk children run at once: the machine's two cores.</summary>
    private const int ChunkParallelism = 2;

    public static async Task<MapFigures> MeasureAsync()
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        ParallelForEach();
        await ClientMapAsync(runtime);
        await StepMapAsync(runtime, SmallItems);
        await ChunkedStepMapAsync(runtime);
        await BuiltInChunkedStepMapAsync(runtime);

        var (parallel, client, step, clientRatio, stepRatio) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (smallStep, chunked, builtInChunked) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            parallel.Add(ParallelForEach() / Items);
            client.Add(await ClientMapAsync(runtime) / Items);
            step.Add(await StepMapAsync(runtime, Items) / Items);
            smallStep.Add(await StepMapAsync(runtime, SmallItems) / SmallItems);
            chunked.Add(await ChunkedStepMapAsync(runtime) / Items);
            builtInChunked.Add(await BuiltInChunkedStepMapAsync(runtime) / Items);
            clientRatio.Add(client[^1] / parallel[^1]);
            stepRatio.Add(step[^1] / parallel[^1]);
        }

        return new MapFigures(RoundStatistics.Of(parallel), RoundStatistics.Of(client), RoundStatistics.Of(step), RoundStatistics.Of(smallStep), RoundStatistics.Of(chunked), RoundStatistics.Of(builtInChunked), RoundStatistics.Of(clientRatio), RoundStatistics.Of(stepRatio));
    }

    private static double ParallelForEach()
    {
        var clock = Stopwatch.StartNew();
        var results = new int[Items];
        Parallel.ForEach(Enumerable.Range(0, Items), x => results[x] = SquareTask.Square(x));
        Check(results.Sum(x => (long)x), Sum(Items), "Parallel.ForEach");
        return clock.Elapsed.TotalNanoseconds;
    }

    private static async Task<double> ClientMapAsync(ProcessRuntime runtime)
    {
        var clock = Stopwatch.StartNew();
        var squares = await runtime.MapAsync(Enumerable.Range(0, Items), x => new SquareTask { X = x }, new MapOptions { MaxParallelism = MaxParallelism });
        var elapsed = clock.Elapsed.TotalNanoseconds;
        Check(squares.Sum(square => (long)square.Result), Sum(Items), "MapAsync");
        return elapsed;
    }

    private static async Task<double> StepMapAsync(ProcessRuntime runtime, int items)
    {
        var clock = Stopwatch.StartNew();
        var map = await runtime.RunAsync(new MapSquares { Count = items, MaxParallelism = MaxParallelism });
        var elapsed = clock.Elapsed.TotalNanoseconds;
        Check(map.Total, Sum(items), "StartChildren");
        return elapsed;
    }

    private static async Task<double> ChunkedStepMapAsync(ProcessRuntime runtime)
    {
        var clock = Stopwatch.StartNew();
        var map = await runtime.RunAsync(new MapSquaresChunked { Count = Items, ChunkSize = ChunkSize, MaxParallelism = ChunkParallelism });
        var elapsed = clock.Elapsed.TotalNanoseconds;
        Check(map.Total, Sum(Items), "StartChildren of chunks");
        return elapsed;
    }

    private static async Task<double> BuiltInChunkedStepMapAsync(ProcessRuntime runtime)
    {
        var clock = Stopwatch.StartNew();
        var map = await runtime.RunAsync(new MapSquaresBuiltInChunks { Count = Items, ChunkSize = ChunkSize, MaxParallelism = ChunkParallelism });
        var elapsed = clock.Elapsed.TotalNanoseconds;
        Check(map.Total, Sum(Items), "outline Map with ChunkSize");
        return elapsed;
    }

    private static long Sum(int items) => Enumerable.Range(0, items).Sum(x => (long)SquareTask.Square(x));

    private static void Check(long total, long expected, string way)
    {
        if (total != expected)
        {
            throw new InvalidOperationException($"map: {way} summed {total}, expected {expected}.");
        }
    }
}
