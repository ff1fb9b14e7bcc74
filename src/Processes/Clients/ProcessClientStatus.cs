using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>The status of a process that may not exist yet, for the transports' watches (which start with it).</summary>
internal static class ProcessClientStatus
{
    /// <summary>The status of <paramref name="id"/>, or null when no process has that id (yet).</summary>
    public static async ValueTask<ProcessStatus?> TryGetStatusAsync(this IProcessClient client, ProcessId id, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetStatusAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointNotFoundException)
        {
            return null;
        }
    }
}
