using System.ComponentModel.DataAnnotations;

namespace Processes.TestProcesses;

/// <summary>
/// A checkpointed process: launches one <see cref="RemoteSquare"/> child per turn of a loop
/// (each taking <see cref="ChildDelayMs"/>) and sums their results. After each collected child
/// it reports "collected N" as its status, so a test can tell how far it got. With
/// <see cref="SkipSummary"/> it leaves its required summary unset and finishes unsuccessfully.
/// </summary>
[Process]
public partial class RemoteSumOfSquares
{
    private int _index;
    private long _sum;

    [Input, Range(0, 100)]
    public required int Count { get; init; }

    [Input, Range(0, 60_000)]
    public int ChildDelayMs { get; init; }

    [Input]
    public bool SkipSummary { get; init; }

    [Output]
    public long Total { get; private set; }

    /// <summary>A required output of reference type: left null, the process finishes unsuccessfully.</summary>
    [Output]
    public string Summary { get; private set; } = null!;

    public static long Expected(int count)
    {
        long sum = 0;
        for (var i = 1; i <= count; i++)
        {
            sum += (long)i * i;
        }

        return sum;
    }

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _index < Count, loop => loop.Step(LaunchSquare).Step(Collect))
        .Step(Finish);

    private void LaunchSquare(StepContext context) =>
        context.StartChild("square" + _index, new RemoteSquare { X = _index + 1, DelayMs = ChildDelayMs });

    private void Collect(StepContext context)
    {
        _sum += context.GetChild<RemoteSquare>("square" + _index).Result;
        _index++;
        context.ReportStatus("collected " + _index);
    }

    private void Finish()
    {
        Total = _sum;
        Summary = SkipSummary ? null! : $"sum of {Count} squares";
    }
}
