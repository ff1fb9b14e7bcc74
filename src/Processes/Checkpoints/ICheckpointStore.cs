using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>Stores process checkpoints by process id.</summary>
public interface ICheckpointStore
{
    /// <summary>Saves (or replaces) the checkpoint of a process.</summary>
    ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Loads a process's checkpoint, or null when there is none.</summary>
    ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>Lists stored checkpoints, optionally only those with <paramref name="tag"/>.</summary>
    ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(string? tag = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a process's checkpoint; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>Deletes every checkpoint with <paramref name="tag"/>; returns how many.</summary>
    ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default);
}
