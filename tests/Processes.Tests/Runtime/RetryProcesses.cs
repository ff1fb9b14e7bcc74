using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

/// <summary>What the retry test types saw: one entry per body run, "key attempt".</summary>
public static class RetryLog
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<(int Attempt, DateTimeOffset At)>> Runs = new();

    public static ConcurrentQueue<(int Attempt, DateTimeOffset At)> For(string key) => Runs.GetOrAdd(key, _ => new());
}

/// <summary>Fails with an IOException until its attempt reaches <see cref="SucceedOn"/>.</summary>
[Task, Retry(3, DelayMilliseconds = 20, BackoffFactor = 1, RetryOn = new[] { typeof(IOException) })]
public partial class FlakyTask
{
    [Input] public required string Key { get; init; }
    [Input] public int SucceedOn { get; init; } = 2;
    [Input] public bool ThrowOther { get; init; }
    [Output] public int Attempt { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        RetryLog.For(Key).Enqueue((context.Attempt, DateTimeOffset.UtcNow));
        if (ThrowOther)
        {
            throw new InvalidOperationException("not retried");
        }

        if (context.Attempt < SucceedOn)
        {
            throw new IOException($"attempt {context.Attempt} failed");
        }

        Attempt = context.Attempt;
        return default;
    }
}

/// <summary>No attribute: retries only when a launch gives it a policy.</summary>
[Task]
public partial class PlainFlakyTask
{
    [Input] public required string Key { get; init; }
    [Input] public int SucceedOn { get; init; } = 2;
    [Output] public int Attempt { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        RetryLog.For(Key).Enqueue((context.Attempt, DateTimeOffset.UtcNow));
        if (context.Attempt < SucceedOn)
        {
            throw new IOException($"attempt {context.Attempt} failed");
        }

        Attempt = context.Attempt;
        return default;
    }
}

/// <summary>Hangs on its token on the first attempt; the time limit stops it and the retry runs the second.</summary>
[Task, TimeLimit(100), Retry(2, DelayMilliseconds = 0)]
public partial class SlowOnceTask
{
    [Input] public required string Key { get; init; }
    [Output] public int Attempt { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        RetryLog.For(Key).Enqueue((context.Attempt, DateTimeOffset.UtcNow));
        if (context.Attempt == 1)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        Attempt = context.Attempt;
    }
}

/// <summary>Always hangs: the time limit fails it for good.</summary>
[Task, TimeLimit(50)]
public partial class HangingTask
{
    private async ValueTask RunAsync(TaskContext context) => await Task.Delay(Timeout.Infinite, context.CancellationToken);
}

/// <summary>A process whose middle step fails once; the state before and after survives the retry.</summary>
[Process, Retry(2, DelayMilliseconds = 10)]
public partial class FlakyStepProcess
{
    [Input] public required string Key { get; init; }
    [Output] public int Total { get; private set; }
    private int _done;

    private void DefineOutline(OutlineBuilder outline) => outline.Step(First).Step(Flaky).Step(Last);

    private void First(StepContext context) => _done++;

    private void Flaky(StepContext context)
    {
        RetryLog.For(Key).Enqueue((context.Attempt, DateTimeOffset.UtcNow));
        if (context.Attempt == 1)
        {
            throw new IOException("the first try of the middle step fails");
        }

        _done++;
    }

    private void Last(StepContext context)
    {
        _done++;
        Total = _done;
    }
}
