using System;
using System.IO;
using System.Threading.Tasks;
using Processes;

namespace Cluster;

/// <summary>
/// Where this OS process writes what it does: one ledger line per event, appended (a line
/// written with O_APPEND survives a SIGKILL whole), tagged with the worker's name.
/// </summary>
public static class Ledger
{
    public static string Path { get; set; } = "";

    public static string WorkerName { get; set; } = "local";

    public static void Append(string line)
    {
        if (Path.Length > 0)
        {
            File.AppendAllText(Path, line + " " + WorkerName + "\n");
        }
    }
}

/// <summary>A child task: squares a number after a short wait.</summary>
[Task]
public partial class Square
{
    [Input] public required int X { get; init; }

    [Input] public required string Job { get; init; }

    [Input] public int DelayMs { get; init; }

    [Output] public long Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        Ledger.Append($"{Job} child-start {X}");
        await Task.Delay(DelayMs, context.CancellationToken);
        Result = (long)X * X;
    }
}

/// <summary>A checkpointed job: one <see cref="Square"/> child per turn, collected in the next step.</summary>
[Process]
public partial class Job
{
    [Input] public required string Name { get; init; }

    [Input] public required int Children { get; init; }

    [Input] public required int First { get; init; }

    [Input] public int ChildDelayMs { get; init; }

    [Output] public long Total { get; private set; }

    private int _turn;
    private long _sum;

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _turn < Children, loop => loop.Step(Launch).Step(Collect))
        .Step(Finish);

    private void Launch(StepContext context) =>
        context.StartChild("square" + _turn, new Square { X = First + _turn, Job = Name, DelayMs = ChildDelayMs });

    private void Collect(StepContext context)
    {
        _sum += context.GetChild<Square>("square" + _turn).Result;
        Ledger.Append($"{Name} collect {First + _turn}");
        _turn++;
    }

    private void Finish() => Total = _sum;
}
