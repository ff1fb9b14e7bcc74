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
            if (DelayMs > 0)
            {
                await Task.Delay(DelayMs, context.CancellationToken);
            }

            if (X == FailWhen)
            {
                throw new InvalidOperationException($"item {X} fails");
            }

            Result = X * X;
        }
        finally
        {
            Interlocked.Decrement(ref counter[0]);
        }
    }
}
