using System.Linq;

namespace Processes.Benchmarks.Subjects;

/// <summary>
/// map, chunked by the runtime: the step fans out <see cref="SquareTask"/> items with
/// <see cref="MapOptions.ChunkSize"/> (one runtime-provided chunk child per
/// <see cref="ChunkSize"/> items, each item run inline), and the next step reads the items' outputs
/// in item order, with no chunk type written by hand.
/// </summary>
[Process]
public partial class MapSquaresBuiltInChunks
{
    [Input] public required int Count { get; init; }

    [Input] public required int ChunkSize { get; init; }

    [Input] public required int MaxParallelism { get; init; }

    [Output] public long Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) =>
        outline.Map(
            () => Enumerable.Range(0, Count),
            x => new SquareTask { X = x },
            squares =>
            {
                foreach (var square in squares)
                {
                    Total += square.Result;
                }
            },
            new MapOptions { ChunkSize = ChunkSize, MaxParallelism = MaxParallelism });
}
