using Processes;
using Processes.Checkpoints;

// Checkpoints go to ./checkpoints: a run killed midway is continued from its last step by
// `ContinueAsync` (see https://github.com/processes-sdk/processes/blob/main/docs/getting-started.md).
await using var runtime = new ProcessRuntime(new() { Store = new FileCheckpointStore("checkpoints") });
var sum = await runtime.RunAsync(new SumOfSquares { Count = 10 });
Console.WriteLine($"sum of squares: {sum.Total}");

/// <summary>Squares a number.</summary>
[Task]
public partial class Square
{
    /// <summary>The number to square.</summary>
    [Input] public required int X { get; init; }

    /// <summary>The square.</summary>
    [Output] public int Result { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        Result = X * X;
        return default;
    }
}

/// <summary>Adds the squares of 1 to Count, one child task per number, checkpointed after each step.</summary>
[Process]
public partial class SumOfSquares
{
    /// <summary>How many squares to add.</summary>
    [Input] public required int Count { get; init; }

    /// <summary>The sum.</summary>
    [Output] public int Total { get; private set; }

    private int _next = 1;

    private void DefineOutline(OutlineBuilder outline) =>
        outline.While(() => _next <= Count, loop => loop.Step(Launch).Step(Collect));

    private void Launch(StepContext context) => context.StartChild("square", new Square { X = _next });

    private void Collect(StepContext context)
    {
        Total += context.GetChild<Square>("square").Result;
        _next++;
    }
}
