using System;

namespace Processes.Tests.Runtime;

/// <summary>Records when each step ran; the middle step starts a durable timer.</summary>
[Process]
public partial class TimedProcess
{
    [Input] public required string Key { get; init; }
    [Input] public int DelayMs { get; init; } = 100;
    [Output] public int Steps { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Before).Step(Cool).Step(After);

    private void Before(StepContext context)
    {
        RetryLog.For(Key).Enqueue((1, DateTimeOffset.UtcNow));
        Steps++;
    }

    private void Cool(StepContext context)
    {
        RetryLog.For(Key).Enqueue((2, DateTimeOffset.UtcNow));
        context.WaitFor(TimeSpan.FromMilliseconds(DelayMs));
        Steps++;
    }

    private void After(StepContext context)
    {
        RetryLog.For(Key).Enqueue((3, DateTimeOffset.UtcNow));
        Steps++;
    }
}

/// <summary>Asks for a timer in the past by a negative delay.</summary>
[Process]
public partial class NegativeTimer
{
    private void DefineOutline(OutlineBuilder outline) => outline.Step(Wait);

    private void Wait(StepContext context) => context.WaitFor(TimeSpan.FromSeconds(-1));
}

/// <summary>Ends itself from its first step with a code computed at run time; the second step never runs.</summary>
[Process]
public partial class EarlyExit
{
    [Input] public int Code { get; init; }
    [Output] public int Reached { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Decide).Step(Later);

    private void Decide(StepContext context)
    {
        Reached = 1;
        context.Exit(Code * 2, $"decided {Code * 2}");
    }

    private void Later(StepContext context) => Reached = 2;
}

/// <summary>Starts a child and then tries to end the process in the same step.</summary>
[Process]
public partial class ExitWithChild
{
    private void DefineOutline(OutlineBuilder outline) => outline.Step(Both);

    private void Both(StepContext context)
    {
        context.StartChild("child", new PlainFlakyTask { Key = Guid.NewGuid().ToString("N"), SucceedOn = 1 });
        context.Exit(0);
    }
}
