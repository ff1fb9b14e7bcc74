using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// Where shared states are kept: one record per state (name and key), replaced by each
/// acknowledged update. A save is fenced by version: it succeeds only when the stored version is
/// the one the record follows, so two owners can never both advance a state from the same version.
/// </summary>
public interface ISharedStateStore
{
    /// <summary>The stored record of a state, or null when it was never saved.</summary>
    ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="record"/> atomically and durably (for durable stores, on disk when this
    /// returns) if the stored version is <c>record.Version - 1</c> (none stored counts as 0).
    /// </summary>
    /// <exception cref="SharedStateConflictException">The stored version is another one; nothing is written.</exception>
    /// <exception cref="SharedStateOwnedException">The record carries a <see cref="SharedStateRecord.FencingToken"/> that is not the state's current lease; nothing is written.</exception>
    ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grants or renews <paramref name="owner"/>'s lease of a state for <paramref name="duration"/>,
    /// for stores that several runtimes may share (the file store); null for a store only one
    /// runtime uses (the in-memory store, the default). A holder asking again keeps its token; a
    /// new holder (the first, or one taking over an expired lease) gets a greater one.
    /// </summary>
    /// <exception cref="SharedStateOwnedException">Another owner's lease has not expired.</exception>
    ValueTask<SharedStateLease?> AcquireOwnershipAsync(string stateName, string key, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<SharedStateLease?>(null);

    /// <summary>
    /// Gives a lease from <see cref="AcquireOwnershipAsync"/> back, so another runtime may own the
    /// state at once (a stopping runtime does); nothing happens when it is no longer the current
    /// lease. Nothing to do for a store without ownership.
    /// </summary>
    ValueTask ReleaseOwnershipAsync(SharedStateLease lease, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
