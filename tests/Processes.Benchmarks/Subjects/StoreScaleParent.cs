using System.Threading.Tasks;

namespace Processes.Benchmarks.Subjects;

/// <summary>
/// The process of store-scale: its first step launches three <see cref="StoreScaleChild"/>ren and
/// it then waits for them, with a realistic state (<see cref="RepresentativeState"/>, about 1 KB)
/// in every checkpoint. store-scale pauses it while it waits and continues it again and again.
/// </summary>
[Process]
public partial class StoreScaleParent
{
    [Input] public string Label { get; init; } = "store scale";

    [Output] public int ChildrenFinished { get; private set; }

    private RepresentativeState _work = RepresentativeState.CreateSample();

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(LaunchChildren)
        .Step(Finish);

    private void LaunchChildren(StepContext context)
    {
        for (var index = 0; index < 3; index++)
        {
            context.StartChild("child" + index, new StoreScaleChild { Index = index });
        }

        _work.Iteration++;
    }

    private void Finish() => ChildrenFinished = 3;
}

/// <summary>A child of <see cref="StoreScaleParent"/> whose only step never ends, so its parent stays waiting for as long as the benchmark needs.</summary>
[Process]
public partial class StoreScaleChild
{
    private static readonly TaskCompletionSource Never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Input] public required int Index { get; init; }

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(HoldAsync);

    private ValueTask HoldAsync() => new(Never.Task);
}
