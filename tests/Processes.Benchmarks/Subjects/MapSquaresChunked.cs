using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Processes.Benchmarks.Subjects;

/// <summary>A chunk of a chunked map: squares its items in one body, results in item order.</summary>
[Task]
public partial class SquareChunk
{
    [Input] public required List<int> Xs { get; init; }

    [Output] public List<int> Results { get; private set; } = [];

    private ValueTask RunAsync(TaskContext context)
    {
        var results = new List<int>(Xs.Count);
        foreach (var x in Xs)
        {
            results.Add(SquareTask.Square(x));
        }

        Results = results;
        return default;
    }
}

/// <summary>
/// map, chunked: the step fans out one <see cref="SquareChunk"/> child per <see cref="ChunkSize"/>
/// items (a tracked, checkpointed child per chunk, bounded by <see cref="MaxParallelism"/>), and
/// the next step reads the chunks in order and their results in item order.
/// </summary>
[Process]
public partial class MapSquaresChunked
{
    [Input] public required int Count { get; init; }

    [Input] public required int ChunkSize { get; init; }

    [Input] public required int MaxParallelism { get; init; }

    [Output] public long Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Map).Step(Sum);

    private void Map(StepContext context) =>
        context.StartChildren(
            "chunk",
            Enumerable.Range(0, Count).Chunk(ChunkSize).Select(chunk => new SquareChunk { Xs = [.. chunk] }),
            new MapOptions { MaxParallelism = MaxParallelism });

    private void Sum(StepContext context)
    {
        foreach (var chunk in context.GetChildren<SquareChunk>("chunk"))
        {
            foreach (var result in chunk.Results)
            {
                Total += result;
            }
        }
    }
}
