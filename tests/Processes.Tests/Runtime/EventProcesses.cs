using System;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace Processes.Tests.Runtime;

/// <summary>The payload of an approval event.</summary>
[PortNamespace]
public sealed partial class Decision
{
    /// <summary>Who decided.</summary>
    [MinLength(1)] public required string By { get; init; }

    /// <summary>The approved amount.</summary>
    [Range(0, 1000)] public int Amount { get; init; }
}

/// <summary>Another payload type, to read an event as the wrong type.</summary>
[PortNamespace]
public sealed partial class Note
{
    public string Text { get; init; } = "";
}

/// <summary>Which steps ran, per test key.</summary>
public static class EventLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Logs = new();

    public static ConcurrentQueue<string> For(string key) => Logs.GetOrAdd(key, _ => new ConcurrentQueue<string>());
}

/// <summary>Waits for an approval or a cancel (whichever comes first), optionally with a timeout.</summary>
[Process]
public partial class AwaitApproval
{
    [Input] public required string Key { get; init; }
    [Input] public int TimeoutMs { get; init; }
    [Output] public string Outcome { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Ask).Step(Decide);

    private void Ask(StepContext context)
    {
        EventLog.For(Key).Enqueue("ask");
        if (TimeoutMs > 0)
        {
            context.WaitForEvent("approval", TimeSpan.FromMilliseconds(TimeoutMs));
        }
        else
        {
            context.WaitForEvent("approval");
        }

        context.WaitForEvent("cancel");
    }

    private void Decide(StepContext context)
    {
        EventLog.For(Key).Enqueue("decide");
        Outcome = context.TryGetEvent<Decision>("approval", out var decision)
            ? $"approved by {decision.By} for {decision.Amount}"
            : context.HasEvent("cancel") ? "cancelled" : "timed out";
    }
}

/// <summary>Waits for "first", then for "second": an early "second" is buffered until then.</summary>
[Process]
public partial class TwoWaits
{
    [Output] public string Seen { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline.Step(WaitFirst).Step(WaitSecond).Step(Read);

    private void WaitFirst(StepContext context) => context.WaitForEvent("first");

    private void WaitSecond(StepContext context)
    {
        Seen = context.GetEvent<Note>("first").Text;
        context.WaitForEvent("second");
    }

    private void Read(StepContext context) => Seen += "+" + context.GetEvent<Note>("second").Text;
}

/// <summary>Waits for a signal and reads it as a payload: the step fails with a clear error.</summary>
[Process]
public partial class ReadsSignalAsPayload
{
    private void DefineOutline(OutlineBuilder outline) => outline.Step(Wait).Step(Read);

    private void Wait(StepContext context) => context.WaitForEvent("ping");

    private void Read(StepContext context) => _ = context.GetEvent<Note>("ping");
}

/// <summary>A task that runs until killed: tasks do not take events.</summary>
[Task]
public partial class SlowTask
{
    private async System.Threading.Tasks.ValueTask RunAsync(TaskContext context) =>
        await System.Threading.Tasks.Task.Delay(System.Threading.Timeout.Infinite, context.CancellationToken);
}
