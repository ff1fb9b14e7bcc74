using System.Threading.Tasks;

namespace Processes.Benchmarks.Worker;

/// <summary>
/// The trivial remote task: returns its payload unchanged, so a remote call moves the same bytes
/// each way as the raw echo it is compared with, and the body itself costs nothing.
/// </summary>
[Task]
public partial class EchoTask
{
    /// <summary>The bytes to send back.</summary>
    [Input] public required byte[] Payload { get; init; }

    /// <summary>The same bytes, as received by the worker.</summary>
    [Output] public byte[] Echo { get; private set; } = [];

    private ValueTask RunAsync(TaskContext context)
    {
        Echo = Payload;
        return default;
    }
}
