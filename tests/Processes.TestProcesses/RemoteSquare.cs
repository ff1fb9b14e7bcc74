using System;
using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>
/// A task: squares X after an optional delay. <see cref="Mode"/> scripts failures that must
/// cross a process boundary: "throw" throws, "hang" waits until killed.
/// </summary>
[Task]
public partial class RemoteSquare
{
    public const string Throw = "throw";
    public const string Hang = "hang";

    [Input, Range(0, 1_000_000)]
    public required int X { get; init; }

    [Input, Range(0, 60_000)]
    public int DelayMs { get; init; }

    [Input]
    public string? Mode { get; init; }

    [Output]
    public long Result { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        if (DelayMs > 0)
        {
            await Task.Delay(DelayMs, context.CancellationToken);
        }

        switch (Mode)
        {
            case Throw:
                throw new InvalidOperationException($"Square of {X} refused on purpose.");
            case Hang:
                await Task.Delay(System.Threading.Timeout.Infinite, context.CancellationToken);
                break;
        }

        Result = (long)X * X;
    }
}
