using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

/// <summary>Which keys a test has "fixed": a flaky body fails until its key is fixed.</summary>
public static class Fixes
{
    private static readonly ConcurrentDictionary<string, bool> Fixed = new();

    public static void Fix(string key) => Fixed[key] = true;

    public static bool IsFixed(string key) => Fixed.ContainsKey(key);
}

/// <summary>Counts in every step; its middle step changes its data, then fails until fixed.</summary>
[Process]
public partial class FailsMidStep
{
    [Input] public required string Key { get; init; }
    [Output] public int Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(First).Step(Second).Step(Third);

    private void First(StepContext context)
    {
        EventLog.For(Key).Enqueue("first");
        Total += 1;
    }

    private void Second(StepContext context)
    {
        EventLog.For(Key).Enqueue("second");
        Total += 10;
        if (!Fixes.IsFixed(Key))
        {
            throw new InvalidOperationException("the second step is broken");
        }
    }

    private void Third(StepContext context)
    {
        EventLog.For(Key).Enqueue("third");
        Total += 100;
    }
}

/// <summary>Squares a number; fails while its key is not fixed (for X = 3 only).</summary>
[Task]
public partial class BrokenSquare
{
    [Input] public required string Key { get; init; }
    [Input] public int X { get; init; }
    [Input] public int DelayMs { get; init; }
    [Output] public int Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        EventLog.For(Key).Enqueue("square " + X);
        if (DelayMs > 0)
        {
            await Task.Delay(DelayMs, context.CancellationToken);
        }

        if (X == 3 && !Fixes.IsFixed(Key))
        {
            throw new InvalidOperationException("3 is broken");
        }

        Result = X * X;
    }
}

/// <summary>Fans out squares of 1..4 and sums them; fails when a square fails.</summary>
[Process]
public partial class SumOfBrokenSquares
{
    [Input] public required string Key { get; init; }
    [Output] public int Total { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Start).Step(Sum);

    private void Start(StepContext context)
    {
        EventLog.For(Key).Enqueue("start");
        // 3 fails only after 1 and 2 have surely finished (they must not be killed with the parent
        // and rerun by the retry); 4 is still running then.
        context.StartChildren("squares", System.Linq.Enumerable.Select(new[] { 1, 2, 3, 4 }, x => new BrokenSquare { Key = Key, X = x, DelayMs = x switch { 3 => 100, 4 => 400, _ => 0 } }));
    }

    private void Sum(StepContext context)
    {
        foreach (var square in context.GetChildren<BrokenSquare>("squares"))
        {
            Total += square.Result;
        }
    }
}
