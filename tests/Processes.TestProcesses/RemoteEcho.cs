using System;
using System.Threading.Tasks;

namespace Processes.TestProcesses;

/// <summary>
/// A task that sends its bytes back reversed, so a test can tell each reply from its request and
/// from any other call's: payloads of any size cross the pipe both ways.
/// </summary>
[Task]
public partial class RemoteEcho
{
    [Input]
    public required byte[] Payload { get; init; }

    [Output]
    public byte[] Reversed { get; private set; } = [];

    /// <summary>What <see cref="Reversed"/> must be for <paramref name="payload"/>.</summary>
    public static byte[] Expected(byte[] payload)
    {
        var reversed = (byte[])payload.Clone();
        Array.Reverse(reversed);
        return reversed;
    }

    private ValueTask RunAsync(TaskContext context)
    {
        _ = context;
        Reversed = Expected(Payload);
        return default;
    }
}
