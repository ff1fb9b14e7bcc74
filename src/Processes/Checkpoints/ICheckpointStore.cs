using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// Keeps the latest checkpoint of each process, by process id, and the leases that make sure at
/// most one runtime runs a process at a time. Implementations are safe to call from many threads
/// (and, for shared stores, many processes) at once. The rules every store follows are stated
/// here and checked by the shared store contract tests; docs/concepts/checkpoint-stores.md
/// explains them.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>
    /// Saves <paramref name="checkpoint"/>, replacing any earlier checkpoint of the same process.
    /// The store copies the data, so the caller may reuse its buffer as soon as the call returns.
    /// A checkpoint with a <see cref="Checkpoint.FencingToken"/> is written only while that token
    /// is the process's current lease token (expired or not, as long as nobody took the lease
    /// since); otherwise the store writes nothing and throws <see cref="LeaseLostException"/>.
    /// The check and the write are one atomic step.
    /// </summary>
    ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Loads the checkpoint of process <paramref name="id"/>, or null when there is none.</summary>
    ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the stored checkpoints that match <paramref name="query"/> (all when null), ordered
    /// by <see cref="CheckpointInfo.SavedAt"/> and then by id.
    /// </summary>
    ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(CheckpointQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the checkpoint of process <paramref name="id"/> (and its lease and history, where
    /// the store keeps them); false when there was none.
    /// </summary>
    ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>Deletes every checkpoint carrying <paramref name="tag"/> and returns how many were deleted.</summary>
    ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grants <paramref name="owner"/> the lease of process <paramref name="id"/> for
    /// <paramref name="duration"/>: when nobody holds it, when the holder's lease has expired
    /// (a crashed owner), or when <paramref name="owner"/> already holds it (then the token is
    /// kept and the expiry extended). A grant to a new holder gets a fencing token greater than
    /// any issued before for that id. Throws <see cref="ProcessOwnedException"/> when another
    /// owner holds an unexpired lease, unless that lease is exactly <paramref name="takeOverFrom"/>
    /// (same fencing token): a caller that knows the holder is dead (a local OS process that no
    /// longer exists) takes its lease over without waiting for it to expire. The process need not
    /// have a checkpoint yet.
    /// </summary>
    ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, string owner, TimeSpan duration, ProcessLease? takeOverFrom = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends <paramref name="lease"/> by <paramref name="duration"/> from now, keeping its token.
    /// Throws <see cref="LeaseLostException"/> when the lease is no longer current (another owner
    /// took it after it expired, or the process was deleted); a lease that expired but was not
    /// taken is renewed.
    /// </summary>
    ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives <paramref name="lease"/> up so another owner may take the process at once. Does
    /// nothing when the lease is no longer current. Later grants still get greater tokens.
    /// </summary>
    ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default);

    /// <summary>The current lease of process <paramref name="id"/> (possibly expired), or null when it has none.</summary>
    ValueTask<ProcessLease?> GetLeaseAsync(ProcessId id, CancellationToken cancellationToken = default);
}
