using System;

namespace Processes.Tests.Runtime;

/// <summary>Waits between steps in its outline: a timer computed from an input, then an approval event with a timeout.</summary>
[Process]
public partial class OutlineWaits
{
    [Input] public required string Key { get; init; }
    [Input] public int DelayMs { get; init; } = 100;
    [Input] public int EventTimeoutMs { get; init; } = 60_000;
    [Output] public string Outcome { get; private set; } = "";

    private void DefineOutline(OutlineBuilder outline) => outline
        .Step(Before)
        .WaitFor(() => TimeSpan.FromMilliseconds(DelayMs))
        .Step(Between)
        .WaitForAnyEvent(["approval", "cancel"], TimeSpan.FromMilliseconds(EventTimeoutMs))
        .Step(After);

    private void Before() => RetryLog.For(Key).Enqueue((1, DateTimeOffset.UtcNow));

    private void Between() => RetryLog.For(Key).Enqueue((2, DateTimeOffset.UtcNow));

    private void After(StepContext context)
    {
        RetryLog.For(Key).Enqueue((3, DateTimeOffset.UtcNow));
        Outcome = context.TryGetEvent<Decision>("approval", out var decision) ? "approved by " + decision.By
            : context.HasEvent("cancel") ? "cancelled"
            : "timed out";
    }
}

/// <summary>Waits in its outline until a time given as an input, inside a loop that counts its turns.</summary>
[Process]
public partial class OutlineWaitUntil
{
    [Input] public required DateTimeOffset Due { get; init; }
    [Output] public int Turns { get; private set; }
    [Output] public DateTimeOffset WokeAt { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => Turns < 2, loop => loop.WaitUntil(() => Due).Step(Count))
        .WaitFor(TimeSpan.Zero);

    private void Count()
    {
        Turns++;
        WokeAt = DateTimeOffset.UtcNow;
    }
}
