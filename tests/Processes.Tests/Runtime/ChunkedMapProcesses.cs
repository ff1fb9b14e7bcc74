using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Processes.Tests.Runtime;

/// <summary>Squares 0..Count-1 in chunks of <see cref="ChunkSize"/> items per child; fail-fast or collect-errors.</summary>
[Process]
public partial class ChunkedSquares
{
    [Input] public required string Key { get; init; }
    [Input] public int Count { get; init; } = 10;
    [Input] public int ChunkSize { get; init; } = 4;
    [Input] public int Parallelism { get; init; } = 64;
    [Input] public int DelayMs { get; init; }
    [Input] public int FailWhen { get; init; } = -1;
    [Input] public bool CollectErrors { get; init; }
    [Input] public int Rounds { get; init; } = 1;
    [Output] public long Total { get; private set; }
    [Output] public string Results { get; private set; } = "";
    [Output] public int Round { get; private set; }

    private void DefineOutline(OutlineBuilder outline) =>
        outline.While(
            () => Round < Rounds,
            round => round
                .If(
                    () => CollectErrors,
                    all => all.MapAll(Items, Create, outcomes => Results = string.Join(",", outcomes.Select(Describe)), Options()),
                    fast => fast.Map(Items, Create, squares => Collect(squares), Options()))
                .Step(NextRound));

    private void NextRound() => Round++;

    private IEnumerable<int> Items() => Enumerable.Range(0, Count - Round);

    private CountedSquare Create(int x) => new() { Key = Key, X = x, DelayMs = DelayMs, FailWhen = FailWhen };

    private MapOptions Options() => new() { ChunkSize = ChunkSize, MaxParallelism = Parallelism };

    private void Collect(IReadOnlyList<CountedSquare> squares)
    {
        Total = squares.Sum(square => (long)square.Result);
        Results = string.Join(",", squares.Select(square => square.Result.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Describe(ChildResult<CountedSquare> outcome) =>
        outcome.Succeeded
            ? outcome.Process!.Result.ToString(CultureInfo.InvariantCulture)
            : outcome.Index.ToString(CultureInfo.InvariantCulture) + ":" + outcome.Failure!.ChildKey + ":" + outcome.Failure.ChildStatus.Error?.Message;
}

/// <summary>A chunked map of items with a retry policy (they run as tracked children of their chunk).</summary>
[Process]
public partial class ChunkedFlaky
{
    [Input] public required string Key { get; init; }
    [Input] public int Count { get; init; } = 5;
    [Output] public string Attempts { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) =>
        outline.Map(
            () => Enumerable.Range(0, Count),
            x => new FlakyTask { Key = Key + "/" + x.ToString(CultureInfo.InvariantCulture), SucceedOn = 2 },
            tasks => Attempts = string.Join(",", tasks.Select(task => task.Attempt)),
            new MapOptions { ChunkSize = 2 });
}
