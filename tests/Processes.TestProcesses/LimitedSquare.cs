using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>A task of which at most two run at once.</summary>
[Task, Concurrency(2)]
public partial class LimitedSquare
{
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
