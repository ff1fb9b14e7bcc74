using System;
using System.Linq;
using System.Threading.Tasks;
using Processes;

namespace Processes.CrashHarness;

/// <summary>
/// One item of the chunked map: squares its number after a short wait. It records the start and
/// end of its chunk (the first and last item of each run of <see cref="CrashChunkedMap.ChunkSize"/>),
/// since items of one chunk run one after another in it.
/// </summary>
[Task]
public partial class CrashItem
{
    [Input] public required int Index { get; init; }

    [Input] public required string LedgerPath { get; init; }

    [Output] public long Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        if (Index % CrashChunkedMap.ChunkSize == 0)
        {
            Ledger.Append(LedgerPath, $"chunk-start {Index / CrashChunkedMap.ChunkSize}");
        }

        await Task.Delay(Random.Shared.Next(2, 12), context.CancellationToken);
        Result = (long)(Index + 1) * (Index + 1);
        if (Index % CrashChunkedMap.ChunkSize == CrashChunkedMap.ChunkSize - 1)
        {
            Ledger.Append(LedgerPath, $"chunk-done {Index / CrashChunkedMap.ChunkSize}");
        }
    }
}

/// <summary>A chunked map (docs/concepts/contexts.md, chunked maps): <see cref="MapOptions.ChunkSize"/> items per child, two chunks at once, results read per item in item order.</summary>
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
            "item",
            Enumerable.Range(0, Items).Select(index => new CrashItem { Index = index, LedgerPath = LedgerPath }),
            new MapOptions { ChunkSize = ChunkSize, MaxParallelism = Parallelism });
    }

    private void Sum(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-sum");
        var position = 1;
        foreach (var result in context.GetChildren<CrashItem>("item").Select(item => item.Result))
        {
            Total += result * position++;
        }
    }
}
