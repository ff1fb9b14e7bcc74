using System;
using System.IO;
using System.Threading.Tasks;
using Processes;

namespace Processes.CrashHarness;

/// <summary>Appends one line per event to the ledger file; O_APPEND writes of a line survive a SIGKILL whole.</summary>
public static class Ledger
{
    public static void Append(string path, string line) => File.AppendAllText(path, line + "\n");
}

/// <summary>A child that takes a little while and records when it starts and finishes.</summary>
[Task]
public partial class CrashSquare
{
    [Input] public required int X { get; init; }

    [Input] public required string LedgerPath { get; init; }

    [Output] public int Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        Ledger.Append(LedgerPath, $"child-start {X}");
        await Task.Delay(Random.Shared.Next(1, 12), context.CancellationToken);
        Result = X * X;
        Ledger.Append(LedgerPath, $"child-done {X}");
    }
}

/// <summary>The README's pattern under crash: one child per turn under one key, collected in the next step.</summary>
[Process]
public partial class CrashSum
{
    [Input] public required int Count { get; init; }

    [Input] public required string LedgerPath { get; init; }

    [Output] public long Total { get; private set; }

    private int _next = 1;

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _next <= Count, loop => loop.Step(Launch).Step(Collect));

    private void Launch(StepContext context)
    {
        Ledger.Append(LedgerPath, $"step-launch {_next}");
        context.StartChild("square", new CrashSquare { X = _next, LedgerPath = LedgerPath });
    }

    private async ValueTask Collect(StepContext context)
    {
        Ledger.Append(LedgerPath, $"step-collect {_next}");
        await Task.Delay(Random.Shared.Next(0, 4), context.CancellationToken);
        Total += context.GetChild<CrashSquare>("square").Result;
        _next++;
    }
}
