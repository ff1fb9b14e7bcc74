using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// Keeps the latest checkpoint of each process, by process id. Implementations are safe to call
/// from many threads at once.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>
    /// Saves <paramref name="checkpoint"/>, replacing any earlier checkpoint of the same process.
    /// The store copies the data, so the caller may reuse its buffer as soon as the call returns.
    /// </summary>
    ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Loads the checkpoint of process <paramref name="id"/>, or null when there is none.</summary>
    ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the stored checkpoints (all, or those carrying <paramref name="tag"/>), ordered by
    /// <see cref="CheckpointInfo.SavedAt"/> and then by id.
    /// </summary>
    ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(string? tag = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the checkpoint of process <paramref name="id"/>; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>Deletes every checkpoint carrying <paramref name="tag"/> and returns how many were deleted.</summary>
    ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default);
}
