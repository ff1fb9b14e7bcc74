using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// Sends a tracked child to run wherever a worker that serves its type has a free slot (another
/// OS process or machine) instead of beside its parent; set by a transport on the runtime it
/// serves (<see cref="ProcessRuntime.RemoteChildren"/>). The child's first checkpoint is stored
/// before it is dispatched, so whoever takes it continues it from there. The parent does not wait
/// in memory: it is checkpointed as waiting and parked (<see cref="ProcessExecution.IsParked"/>),
/// and the transport continues it once a child has terminated.
/// </summary>
internal interface IRemoteChildDispatcher
{
    /// <summary>Queues the continue of the stored child <paramref name="childId"/> durably; returns once the transport holds it.</summary>
    ValueTask DispatchAsync(ProcessId childId, string childName, CancellationToken cancellationToken);
}
