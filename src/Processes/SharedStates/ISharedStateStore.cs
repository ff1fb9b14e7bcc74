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
    ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default);
}
