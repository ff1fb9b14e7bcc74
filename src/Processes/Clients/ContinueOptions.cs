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

    /// <summary>
    /// Retry a process that ended <see cref="ProcessState.Excepted"/>: it runs again from its last
    /// good checkpoint — a process reruns the step that failed with the data it had before that
    /// step (or, when a child it waited for failed, retries that child the same way and waits for
    /// it again); a task reruns its body from its inputs. The error is cleared and the attempt
    /// count starts again at 1. A process that is still running or waiting is continued as usual;
    /// one that finished or was killed throws <see cref="InvalidStateTransitionException"/>.
    /// </summary>
    public bool RetryExcepted { get; init; }
}
