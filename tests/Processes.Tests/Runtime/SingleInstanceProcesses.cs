using System.Threading;
using System.Threading.Tasks;
using System.ComponentModel.DataAnnotations;

namespace Processes.Tests.Runtime;

/// <summary>A single-instance task keyed by <see cref="Key"/> whose duplicates join; counts its runs.</summary>
[Task, SingleInstance(nameof(Key))]
public partial class JoinedSquare
{
    private static int s_runs;

    public static int Runs => Volatile.Read(ref s_runs);

    [Input] public required string Key { get; init; }

    [Input, Range(0, 1000)] public required int X { get; init; }

    [Input, Range(0, 60_000)] public int DelayMs { get; init; }

    [Output] public long Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        Interlocked.Increment(ref s_runs);
        await Task.Delay(DelayMs, context.CancellationToken);
        Result = (long)X * X;
    }
}

/// <summary>A single-instance task keyed by region and account that refuses duplicates.</summary>
[Task, SingleInstance(nameof(Region), nameof(Account), OnDuplicate = DuplicatePolicy.Reject)]
public partial class RefusedCharge
{
    [Input] public required string Region { get; init; }

    [Input] public required int Account { get; init; }

    [Input, Range(0, 60_000)] public int DelayMs { get; init; }

    [Output] public string Receipt { get; private set; } = "";

    private async ValueTask RunAsync(TaskContext context)
    {
        await Task.Delay(DelayMs, context.CancellationToken);
        Receipt = Region + "/" + Account;
    }
}
