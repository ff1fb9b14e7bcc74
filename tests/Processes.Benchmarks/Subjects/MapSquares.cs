using System.Linq;

namespace Processes.Benchmarks.Subjects;

/// <summary>
/// map: a step launches one <see cref="SquareTask"/> child per item (a tracked, checkpointed child
/// each) and the next step reads all their outputs in item order.
/// </summary>
[Process]
public partial class MapSquares
{
    [Input] public required int Count { get; init; }

    [Input] public required int MaxParallelism { get; init; }

    [Output] public long Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Map).Step(Sum);

    private void Map(StepContext context) =>
        context.StartChildren("square", Enumerable.Range(0, Count).Select(x => new SquareTask { X = x }), new MapOptions { MaxParallelism = MaxParallelism });

    private void Sum(StepContext context)
    {
        var squares = context.GetChildren<SquareTask>("square");
        for (var i = 0; i < squares.Count; i++)
        {
            Total += squares[i].Result;
        }
    }
}
