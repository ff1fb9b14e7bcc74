using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Tests.Runtime;

/// <summary>A store that forwards every call to another; tests override the calls they count or break.</summary>
internal class ForwardingStore : ICheckpointStore
{
    public ForwardingStore(ICheckpointStore? inner = null)
    {
        Inner = inner ?? new InMemoryCheckpointStore();
    }

    public ICheckpointStore Inner { get; }

    public virtual ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default) => Inner.SaveAsync(checkpoint, cancellationToken);

    public virtual ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default) => Inner.LoadAsync(id, cancellationToken);

    public virtual ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(CheckpointQuery? query = null, CancellationToken cancellationToken = default) => Inner.ListAsync(query, cancellationToken);

    public virtual ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default) => Inner.DeleteAsync(id, cancellationToken);

    public virtual ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default) => Inner.DeleteByTagAsync(tag, cancellationToken);

    public virtual ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, string owner, TimeSpan duration, ProcessLease? takeOverFrom = null, CancellationToken cancellationToken = default) =>
        Inner.AcquireLeaseAsync(id, owner, duration, takeOverFrom, cancellationToken);

    public virtual ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default) => Inner.RenewLeaseAsync(lease, duration, cancellationToken);

    public virtual ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default) => Inner.ReleaseLeaseAsync(lease, cancellationToken);

    public virtual ValueTask<ProcessLease?> GetLeaseAsync(ProcessId id, CancellationToken cancellationToken = default) => Inner.GetLeaseAsync(id, cancellationToken);
}
