using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>A single-instance task keyed by <see cref="Key"/>: duplicates join the running one.</summary>
[Task, SingleInstance(nameof(Key))]
public partial class KeyedSquare
{
    [Input]
    public required string Key { get; init; }

    [Input, Range(0, 1_000_000)]
    public required int X { get; init; }

    [Input, Range(0, 60_000)]
    public int DelayMs { get; init; }

    [Output]
    public long Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        await Task.Delay(DelayMs, context.CancellationToken);
        Result = (long)X * X;
    }
}
