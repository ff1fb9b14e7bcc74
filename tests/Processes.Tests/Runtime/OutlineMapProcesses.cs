using System.Collections.Generic;
using System.Linq;

namespace Processes.Tests.Runtime;

/// <summary>Squares 0..Count-1 with one outline instruction and sums them; loops Rounds times to reuse the map.</summary>
[Process]
public partial class OutlineSquares
{
    [Input] public required string Key { get; init; }
    [Input] public int Count { get; init; } = 10;
    [Input] public int Parallelism { get; init; } = 64;
    [Input] public int DelayMs { get; init; }
    [Input] public int Rounds { get; init; } = 1;
    [Input] public int FailWhen { get; init; } = -1;
    [Output] public long Total { get; private set; }
    [Output] public int Round { get; private set; }
    [Output] public string Results { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) =>
        outline.While(
            () => Round < Rounds,
            round => round
                .Map(
                    () => Enumerable.Range(Round * Count, Count),
                    x => new CountedSquare { Key = Key, X = x, DelayMs = DelayMs, FailWhen = FailWhen },
                    squares => Collect(squares),
                    new MapOptions { MaxParallelism = Parallelism })
                .Step(NextRound));

    private void Collect(IReadOnlyList<CountedSquare> squares)
    {
        Total += squares.Sum(square => (long)square.Result);
        Results = string.Join(",", squares.Select(square => square.X));
    }

    private void NextRound() => Round++;
}

/// <summary>Maps with every child running to its end; records which items failed.</summary>
[Process]
public partial class OutlineSquaresAll
{
    [Input] public required string Key { get; init; }
    [Input] public int Count { get; init; } = 6;
    [Input] public int FailWhen { get; init; } = -1;
    [Output] public string Results { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) =>
        outline.MapAll(
            () => Enumerable.Range(0, Count),
            x => new CountedSquare { Key = Key, X = x, FailWhen = FailWhen },
            outcomes => Results = string.Join(",", outcomes.Select(outcome => outcome.Succeeded ? outcome.Process!.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) : "x")));
}
