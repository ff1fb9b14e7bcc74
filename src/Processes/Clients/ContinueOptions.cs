using System;

namespace Processes;

/// <summary>How <see cref="IProcessClient.ContinueAsync{TProcess}(ProcessId, ContinueOptions?, System.Threading.CancellationToken)"/> takes a process over.</summary>
public sealed record ContinueOptions
{
    /// <summary>
    /// How long to wait for another runtime's lease on the process to be released or to expire
    /// before giving up with <see cref="ProcessOwnedException"/>. Zero (the default): fail at once.
    /// </summary>
    public TimeSpan WaitForOwner { get; init; }

    /// <summary>
    /// Continue from this earlier checkpoint (a <see cref="Checkpoints.CheckpointInfo.Sequence"/>
    /// listed by <see cref="Checkpoints.ICheckpointHistory.ListHistoryAsync"/>) instead of the
    /// latest. It becomes the latest checkpoint. Needs a store that keeps history.
    /// </summary>
    public long? FromSequence { get; init; }
}
