using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>A single-instance task keyed by region and account, that refuses duplicates.</summary>
[Task, SingleInstance(nameof(Region), nameof(Account), OnDuplicate = DuplicatePolicy.Reject)]
public partial class ExclusiveCharge
{
    [Input]
    public required string Region { get; init; }

    [Input]
    public required int Account { get; init; }

    [Input, Range(0, 60_000)]
    public int DelayMs { get; init; }

    [Output]
    public string Receipt { get; private set; } = "";

    private async ValueTask RunAsync(TaskContext context)
    {
        await Task.Delay(DelayMs, context.CancellationToken);
        Receipt = Region + "/" + Account;
    }
}
