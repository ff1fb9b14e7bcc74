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
