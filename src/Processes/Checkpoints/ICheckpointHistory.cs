using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Checkpoints;

/// <summary>
/// A store that keeps the last few checkpoints of each process, not only the latest, so a process
/// can be continued from an earlier one (<c>ContinueOptions.FromSequence</c>).
/// </summary>
public interface ICheckpointHistory
{
    /// <summary>
    /// The kept checkpoints of process <paramref name="id"/>, newest first, each with its
    /// <see cref="CheckpointInfo.Sequence"/>; empty when there are none.
    /// </summary>
    ValueTask<IReadOnlyList<CheckpointInfo>> ListHistoryAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>Loads the kept checkpoint number <paramref name="sequence"/> of process <paramref name="id"/>, or null when it is not kept.</summary>
    ValueTask<Checkpoint?> LoadHistoryAsync(ProcessId id, long sequence, CancellationToken cancellationToken = default);
}
