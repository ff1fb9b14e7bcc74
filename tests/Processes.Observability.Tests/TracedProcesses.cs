using System;
using System.Threading.Tasks;

namespace Processes.Observability.Tests;

/// <summary>A task that doubles its input, or throws when asked to: the children of <see cref="TracedParent"/>.</summary>
[Task]
public partial class TracedChild
{
    [Input]
    public required int X { get; init; }

    [Input]
    public bool Fail { get; init; }

    [Output]
    public int Doubled { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        if (Fail)
        {
            throw new InvalidOperationException($"Child {X} failed on purpose.");
        }

        Doubled = 2 * X;
        return default;
    }
}

/// <summary>A process with two steps: the first launches two <see cref="TracedChild"/> children, the second sums their outputs.</summary>
[Process]
public partial class TracedParent
{
    [Input]
    public bool FailSecondChild { get; init; }

    [Output]
    public int Sum { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Launch).Step(Collect);

    private void Launch(StepContext context)
    {
        context.StartChild("first", new TracedChild { X = 1 });
        context.StartChild("second", new TracedChild { X = 2, Fail = FailSecondChild });
    }

    private void Collect(StepContext context) =>
        Sum = context.GetChild<TracedChild>("first").Doubled + context.GetChild<TracedChild>("second").Doubled;
}

/// <summary>A process whose only step throws.</summary>
[Process]
public partial class ThrowingProcess
{
    // Optional: the step throws before any output could be produced.
    [Output]
    public int? Never { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Explode);

    private void Explode() => throw new TimeoutException("The step gave up on purpose.");
}
