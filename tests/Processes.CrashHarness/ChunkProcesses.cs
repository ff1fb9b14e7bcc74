using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes;

namespace Processes.CrashHarness;

/// <summary>One chunk of a chunked map: squares its items one after another, recording when it starts and ends.</summary>
[Task]
public partial class CrashChunk
{
    [Input] public required int Index { get; init; }

    [Input] public required List<int> Xs { get; init; }

    [Input] public required string LedgerPath { get; init; }

    [Output] public List<long> Results { get; private set; } = [];

    private async ValueTask RunAsync(TaskContext context)
    {
        Ledger.Append(LedgerPath, $"chunk-start {Index}");
        var results = new List<long>(Xs.Count);
        foreach (var x in Xs)
        {
            await Task.Delay(Random.Shared.Next(2, 12), context.CancellationToken);
            results.Add((long)x * x);
        }

        Results = results;
        Ledger.Append(LedgerPath, $"chunk-done {Index}");
    }
}

/// <summary>A chunked map (docs/concepts/contexts.md, fan-out): one child per chunk of items, two at once, results read in item order.</summary>
[Process]
public partial class CrashChunkedMap
{
    public const int Items = 60;
    public const int ChunkSize = 6;
    public const int Parallelism = 2;

    /// <summary>What a correct run ends with: the squares in item order, weighted by position so that an order mistake shows.</summary>
    public static long Expected => Enumerable.Range(1, Items).Sum(x => (long)x * x * x);

    [Input] public required string LedgerPath { get; init; }

    [Output] public long Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Fan).Step(Sum);

    private void Fan(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-fan");
        context.StartChildren(
            "chunk",
            Enumerable.Range(1, Items).Chunk(ChunkSize).Select((chunk, index) => new CrashChunk { Index = index, Xs = [.. chunk], LedgerPath = LedgerPath }),
            new MapOptions { MaxParallelism = Parallelism });
    }

    private void Sum(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-sum");
        var position = 1;
        foreach (var result in context.GetChildren<CrashChunk>("chunk").SelectMany(chunk => chunk.Results))
        {
            Total += result * position++;
        }
    }
}
