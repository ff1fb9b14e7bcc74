using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes;

namespace Processes.CrashHarness;

/// <summary>Fails until its fix file exists (the cause of an Excepted process, fixed before the retry by id).</summary>
[Task]
public partial class CrashFixable
{
    [Input] public required string LedgerPath { get; init; }

    [Input] public required string FixPath { get; init; }

    [Output] public int Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        Ledger.Append(LedgerPath, "fixable-start");
        await Task.Delay(Random.Shared.Next(5, 40), context.CancellationToken);
        if (!File.Exists(FixPath))
        {
            throw new InvalidOperationException("the fixable child is not fixed yet");
        }

        Result = 100;
    }
}

/// <summary>
/// Ends Excepted on its first run (a step fails, or a child the step started fails, while the fix
/// file is missing), then is retried by id under SIGKILL: squares fanned out and summed before the
/// failure must not run again, and after the retry a child with a retry policy backs off (a kill
/// during that wait must neither lose nor repeat an attempt).
/// </summary>
[Process]
public partial class CrashRetried
{
    public const int Items = 4;

    /// <summary>What a correct run ends with: the squares, the fixed part's 100, and the flaky child's 1000.</summary>
    public static long Expected => Enumerable.Range(1, Items).Sum(x => (long)x * x) + 100 + 1000;

    [Input] public required string LedgerPath { get; init; }

    [Input] public required string FixPath { get; init; }

    /// <summary>True: the risky step starts a child that fails (the parent fails with it); false: the step itself fails.</summary>
    [Input] public required bool FailInChild { get; init; }

    [Output] public long Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Fan).Step(Sum).Step(Risky).Step(Flaky).Step(Finish);

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
    }

    private void Risky(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-risky");
        if (FailInChild)
        {
            context.StartChild("fixable", new CrashFixable { LedgerPath = LedgerPath, FixPath = FixPath });
        }
        else if (!File.Exists(FixPath))
        {
            throw new InvalidOperationException("the risky step is not fixed yet");
        }
    }

    private void Flaky(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-flaky");
        Total += FailInChild ? context.GetChild<CrashFixable>("fixable").Result : 100;
        context.StartChild("flaky", new CrashFlaky { LedgerPath = LedgerPath });
    }

    private void Finish(StepContext context)
    {
        Ledger.Append(LedgerPath, "step-finish");
        Total += context.GetChild<CrashFlaky>("flaky").Result;
    }
}
