using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Tests.Runtime;

/// <summary>Counts how many of its runs overlap, per key, and fails for the items it is told to.</summary>
[Task]
public partial class CountedSquare
{
    private static readonly ConcurrentDictionary<string, int[]> Counters = new();

    [Input] public required string Key { get; init; }
    [Input] public int X { get; init; }
    [Input] public int FailWhen { get; init; } = -1;
    [Input] public int DelayMs { get; init; }
    [Output] public int Result { get; private set; }

    /// <summary>[0]: running now, [1]: most at once, [2]: runs started.</summary>
    public static int[] For(string key) => Counters.GetOrAdd(key, _ => new int[3]);

    private async ValueTask RunAsync(TaskContext context)
    {
        var counter = For(Key);
        Interlocked.Increment(ref counter[2]);
        var now = Interlocked.Increment(ref counter[0]);
        int seen;
        while ((seen = Volatile.Read(ref counter[1])) < now && Interlocked.CompareExchange(ref counter[1], now, seen) != seen)
        {
        }

        try
        {
            if (X == FailWhen)
            {
                throw new InvalidOperationException($"item {X} fails");
            }

            if (DelayMs > 0)
            {
                await Task.Delay(DelayMs, context.CancellationToken);
            }

            Result = X * X;
        }
        finally
        {
            Interlocked.Decrement(ref counter[0]);
        }
    }
}

/// <summary>Fans out squares of 0..Count-1 with a bound and a failure policy, then reads every outcome.</summary>
[Process]
public partial class BoundedMap
{
    [Input] public required string Key { get; init; }
    [Input] public int Count { get; init; } = 10;
    [Input] public int Parallelism { get; init; } = 3;
    [Input] public int FailWhen { get; init; } = -1;
    [Input] public bool Collect { get; init; }
    [Input] public int DelayMs { get; init; }
    [Output] public string Results { get; private set; } = "";
    [Output] public string Failed { get; private set; } = "";
    [Output] public bool GetChildrenThrew { get; private set; }

    private void DefineOutline(OutlineBuilder outline) => outline.Step(Map).Step(Read);

    private void Map(StepContext context) =>
        context.StartChildren(
            "square",
            System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, Count), x => new CountedSquare { Key = Key, X = x, FailWhen = FailWhen, DelayMs = DelayMs }),
            new MapOptions { MaxParallelism = Parallelism, OnFailure = Collect ? MapFailurePolicy.CollectErrors : MapFailurePolicy.FailFast });

    private void Read(StepContext context)
    {
        var outcomes = context.GetChildResults<CountedSquare>("square");
        Results = string.Join(",", System.Linq.Enumerable.Select(outcomes, outcome => outcome.Process?.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "x"));
        Failed = string.Join(",", System.Linq.Enumerable.Select(System.Linq.Enumerable.Where(outcomes, outcome => !outcome.Succeeded), outcome => outcome.Index));
        try
        {
            context.GetChildren<CountedSquare>("square");
        }
        catch (ProcessMapException)
        {
            GetChildrenThrew = true;
        }
    }
}
