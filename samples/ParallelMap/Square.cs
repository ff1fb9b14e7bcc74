using System;
using System.IO;
using System.Threading.Tasks;
using Processes;

namespace ParallelMap;

/// <summary>Squares a number. Every item ending in 7 fails its first attempt (a flaky dependency); the retry policy runs it again.</summary>
[Task(Name = "Sample.Square"), Retry(3, DelayMilliseconds = 1, RetryOn = new[] { typeof(IOException) })]
public partial class Square
{
    /// <summary>The number.</summary>
    [Input] public required long X { get; init; }

    /// <summary>X squared.</summary>
    [Output] public long Result { get; private set; }

    /// <summary>Which attempt produced the result.</summary>
    [Output] public int Attempts { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        if (X % 10 == 7 && context.Attempt == 1)
        {
            throw new IOException($"the service was busy for {X}");
        }

        Result = X * X;
        Attempts = context.Attempt;
        return default;
    }
}

/// <summary>Maps <see cref="Count"/> numbers over child tasks (at most 64 children at once, one item or a chunk of items each) and sums the squares in the next step.</summary>
[Process(Name = "Sample.SumOfSquares")]
public partial class SumOfSquares
{
    /// <summary>How many numbers: 0 to Count - 1.</summary>
    [Input] public required int Count { get; init; }

    /// <summary>Items per child process (1: a child per item; more: chunked, see MapOptions.ChunkSize).</summary>
    [Input] public int ChunkSize { get; init; } = 1;

    /// <summary>The sum of the squares.</summary>
    [Output] public long Total { get; private set; }

    /// <summary>True when every child came back in item order.</summary>
    [Output] public bool Ordered { get; private set; }

    /// <summary>How many children needed a second attempt.</summary>
    [Output] public int Retried { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Map).Step(Sum);

    private void Map(StepContext context) =>
        context.StartChildren("square", System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, Count), x => new Square { X = x }), new MapOptions { MaxParallelism = 64, ChunkSize = ChunkSize });

    private void Sum(StepContext context)
    {
        var squares = context.GetChildren<Square>("square");
        Ordered = true;
        for (var i = 0; i < squares.Count; i++)
        {
            Ordered &= squares[i].X == i;
            Total += squares[i].Result;
            Retried += squares[i].Attempts > 1 ? 1 : 0;
        }
    }
}
