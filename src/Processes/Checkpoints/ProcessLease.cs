using System;

namespace Processes.Checkpoints;

/// <summary>
/// A runtime's claim to run one process, granted by a checkpoint store (see
/// <see cref="ICheckpointStore.AcquireLeaseAsync"/>). At most one unexpired lease exists per
/// process; its holder renews it before <see cref="ExpiresAt"/>, and every checkpoint it saves
/// carries <see cref="FencingToken"/> so that a holder that lost the lease (it stalled, and another
/// runtime took over) can never overwrite a newer checkpoint.
/// </summary>
/// <param name="Id">The process the lease is for.</param>
/// <param name="Owner">Who holds it: a runtime's <see cref="ProcessRuntimeOptions.OwnerId"/>.</param>
/// <param name="FencingToken">
/// Grows strictly with every grant to a new holder of this process; renewals keep it. A store
/// refuses a save whose token is not the current one.
/// </param>
/// <param name="ExpiresAt">When the lease lapses unless renewed; after that another owner may take it.</param>
public sealed record ProcessLease(ProcessId Id, string Owner, long FencingToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Who holds it: a runtime's <see cref="ProcessRuntimeOptions.OwnerId"/>.</summary>
    public string Owner { get; init; } = Owner ?? throw new ArgumentNullException(nameof(Owner));
}
