using System;
using System.ComponentModel.DataAnnotations;
using System.IO;
using System.Threading.Tasks;
using Processes;

namespace Processes.RabbitMQ.TestWorker;

/// <summary>Appends one line per event to a ledger file shared by every worker; O_APPEND writes of a line survive a SIGKILL whole.</summary>
public static class Ledger
{
    // Workers hosted in one test process append from many threads, and FileMode.Append seeks to
    // the end once when the file is opened (dotnet/runtime#53432, no O_APPEND): two appends at
    // once could write at the same offset and lose a line. Worker OS processes are not covered.
    private static readonly System.Threading.Lock Gate = new();

    public static void Append(string path, string line)
    {
        if (path.Length > 0)
        {
            lock (Gate)
            {
                File.AppendAllText(path, line + "\n");
            }
        }
    }
}

/// <summary>A child task that takes a while and records when it starts and finishes.</summary>
[Task]
public partial class BrokerSquare
{
    [Input] public required int X { get; init; }

    [Input] public int DelayMs { get; init; }

    [Input] public string LedgerPath { get; init; } = "";

    [Input] public string Tag { get; init; } = "";

    [Output] public long Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        Ledger.Append(LedgerPath, $"{Tag} child-start {X}");
        await Task.Delay(DelayMs, context.CancellationToken);
        Result = (long)X * X;
        Ledger.Append(LedgerPath, $"{Tag} child-done {X}");
    }
}

/// <summary>A checkpointed process: one child square per turn, collected in the next step; records each collect.</summary>
[Process]
public partial class BrokerSum
{
    [Input, Range(0, 100)] public required int Count { get; init; }

    [Input] public int ChildDelayMs { get; init; }

    [Input] public string LedgerPath { get; init; } = "";

    [Input] public string Tag { get; init; } = "";

    [Output] public long Total { get; private set; }

    private int _next = 1;
    private long _sum;

    public static long Expected(int count)
    {
        long sum = 0;
        for (var x = 1; x <= count; x++)
        {
            sum += (long)x * x;
        }

        return sum;
    }

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _next <= Count, loop => loop.Step(Launch).Step(Collect))
        .Step(Finish);

    private void Launch(StepContext context) =>
        context.StartChild("square" + _next, new BrokerSquare { X = _next, DelayMs = ChildDelayMs, LedgerPath = LedgerPath, Tag = Tag });

    private void Collect(StepContext context)
    {
        _sum += context.GetChild<BrokerSquare>("square" + _next).Result;
        Ledger.Append(LedgerPath, $"{Tag} collect {_next}");
        _next++;
        context.ReportStatus("collected " + (_next - 1));
    }

    private void Finish() => Total = _sum;
}

/// <summary>A task that always fails, to carry a typed remote error back.</summary>
[Task]
public partial class BrokerFailing
{
    [Input] public required string Message { get; init; }

    // Optional: the body throws before any output could be produced.
    [Output] public int? Never { get; private set; }

    private ValueTask RunAsync(TaskContext context) => throw new InvalidOperationException(Message);
}

/// <summary>A task that records its label when it starts (the order the queue hands work out).</summary>
[Task]
public partial class BrokerLabel
{
    [Input] public required string Label { get; init; }

    [Input] public string LedgerPath { get; init; } = "";

    [Input] public int DelayMs { get; init; }

    [Output] public string Echo { get; private set; } = "";

    private async ValueTask RunAsync(TaskContext context)
    {
        Ledger.Append(LedgerPath, Label);
        await Task.Delay(DelayMs, context.CancellationToken);
        Echo = Label;
    }
}

/// <summary>A task only some workers serve (routing by type).</summary>
[Task]
public partial class BrokerGreeting
{
    [Input] public required string Name { get; init; }

    [Output] public string Greeting { get; private set; } = "";

    private ValueTask RunAsync(TaskContext context)
    {
        Greeting = "hello " + Name;
        return default;
    }
}

/// <summary>The payload of a broker approval event.</summary>
[PortNamespace]
public sealed partial class BrokerDecision
{
    /// <summary>Who decided.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(64, MinimumLength = 1)] public required string By { get; init; }
}

/// <summary>Waits for an "approval" event and reports who approved.</summary>
[Process]
public partial class BrokerApproval
{
    [Output] public string Outcome { get; private set; } = "";

    /// <summary>Emitted before the wait, so a status read while it waits lists it.</summary>
    [Output] public string Asked { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Ask).Step(Decide);

    private void Ask(StepContext context)
    {
        Asked = "asked";
        context.EmitOutput(nameof(Asked));
        context.WaitForEvent("approval");
    }

    private void Decide(StepContext context) => Outcome = "approved by " + context.GetEvent<BrokerDecision>("approval").By;
}
