using System;
using System.IO;
using System.Linq;
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

/// <summary>Fails its first attempt; the retry policy's back-off is checkpointed, so a kill during it neither loses nor repeats an attempt.</summary>
/// <remarks>
/// The back-off is long enough for a driver that sees the first attempt late (a loaded machine
/// polls its ledger slowly) still to kill inside it: at 150 ms every planned back-off kill of a
/// run could land after the second attempt had begun, and the retry trials then failed with "no
/// kill landed during the flaky child's back-off".
/// </remarks>
[Task, Retry(3, DelayMilliseconds = 600, BackoffFactor = 1)]
public partial class CrashFlaky
{
    [Input] public required string LedgerPath { get; init; }

    [Output] public int Result { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        Ledger.Append(LedgerPath, $"flaky-attempt {context.Attempt}");
        if (context.Attempt == 1)
        {
            throw new IOException("the first attempt fails");
        }

        Result = 1000;
        return default;
    }
}

/// <summary>
/// The workflow features under crash: a bounded fan-out, a durable timer, an external event
/// (raised by the driver while no OS process runs the workflow), and a child with a retry policy.
/// </summary>
[Process]
public partial class CrashWorkflow
{
    public const int Items = 6;

    /// <summary>What a correct run ends with: the squares, the flaky child's 1000, and 1 for the event.</summary>
    public static long Expected => Enumerable.Range(1, Items).Sum(x => (long)x * x) + 1000 + 1;

    [Input] public required string LedgerPath { get; init; }

    [Output] public long Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Fan).Step(Sum).Step(Ask).Step(Flaky).Step(Finish);

    private void Fan(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-fan");
        context.StartChildren(
            "square",
            Enumerable.Range(1, Items).Select(x => new CrashSquare { X = x, LedgerPath = LedgerPath }),
            new MapOptions { MaxParallelism = 2 });
    }

    private void Sum(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-sum");
        Total += context.GetChildren<CrashSquare>("square").Sum(square => (long)square.Result);
        context.WaitFor(TimeSpan.FromMilliseconds(120));
    }

    private void Ask(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-ask");
        context.WaitForEvent("go");
    }

    private void Flaky(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-flaky");
        context.StartChild("flaky", new CrashFlaky { LedgerPath = LedgerPath });
    }

    private void Finish(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-finish");
        Total += context.GetChild<CrashFlaky>("flaky").Result + (context.HasEvent("go") ? 1 : 0);
    }
}
