using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Tests.Durability;

/// <summary>Counts how often each body ran, per ledger, so tests can prove that finished work never reruns.</summary>
public static class Ledgers
{
    private static readonly ConcurrentDictionary<string, int> Runs = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Holds = new();
    private static readonly ConcurrentDictionary<string, bool> Held = new();

    public static int Count(string ledger, int x) => Runs.TryGetValue(ledger + "/" + x, out var count) ? count : 0;

    public static void Record(string ledger, int x) => Runs.AddOrUpdate(ledger + "/" + x, 1, (_, count) => count + 1);

    /// <summary>Makes the first Collect of <paramref name="ledger"/> wait until <see cref="Release"/>; later ones pass.</summary>
    public static void HoldFirstCollect(string ledger) => Holds[ledger] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Release(string ledger)
    {
        if (Holds.TryGetValue(ledger, out var hold))
        {
            hold.TrySetResult();
        }
    }

    internal static Task Hold(string ledger) =>
        Holds.TryGetValue(ledger, out var hold) && Held.TryAdd(ledger, true) ? hold.Task : Task.CompletedTask;
}

/// <summary>Squares a number and records that it ran.</summary>
[Task]
public partial class CountedSquare
{
    [Input] public required int X { get; init; }

    [Input] public required string Ledger { get; init; }

    [Output] public int Result { get; private set; }

    private ValueTask RunAsync(TaskContext context)
    {
        Ledgers.Record(Ledger, X);
        Result = X * X;
        return default;
    }
}

/// <summary>The README's pattern: one child per loop turn under one key, its result collected in the next step.</summary>
[Process]
public partial class LedgerSum
{
    [Input, Range(1, 1000)] public required int Count { get; init; }

    [Input] public required string Ledger { get; init; }

    [Output] public int Total { get; private set; }

    private int _next = 1;

    private void DefineOutline(OutlineBuilder outline) => outline
        .While(() => _next <= Count, loop => loop.Step(Launch).Step(Collect));

    private void Launch(StepContext context) => context.StartChild("square", new CountedSquare { X = _next, Ledger = Ledger });

    private async ValueTask Collect(StepContext context)
    {
        await Ledgers.Hold(Ledger).WaitAsync(context.CancellationToken);
        Total += context.GetChild<CountedSquare>("square").Result;
        _next++;
    }
}
