namespace Processes.Runtime;

/// <summary>When <see cref="ContinueOptions.RetryExcepted"/> turns a terminal checkpoint back into a runnable one.</summary>
internal static class ProcessRetry
{
    /// <summary>
    /// True when the options ask for a retry and the checkpoint is Excepted; throws
    /// <see cref="InvalidStateTransitionException"/> when they ask for one of a process that
    /// finished or was killed (nothing failed: there is nothing to retry).
    /// </summary>
    public static bool Applies(ContinueOptions? options, in ProcessSnapshot snapshot)
    {
        if (options is not { RetryExcepted: true } || !snapshot.State.IsTerminal())
        {
            return false;
        }

        return snapshot.State == ProcessState.Excepted
            ? true
            : throw new InvalidStateTransitionException(snapshot.Id, snapshot.State, ProcessState.Running);
    }

    /// <summary>The checkpoint of a failed process made runnable again: running, no error, first attempt.</summary>
    public static ProcessSnapshot Reset(in ProcessSnapshot snapshot) => snapshot with
    {
        State = ProcessState.Running,
        Paused = false,
        StatusMessage = null,
        StatusBeforePause = null,
        ExitCode = null,
        ExitMessage = null,
        KillMessage = null,
        Error = null,
        Attempt = 1,
        RetryDueAt = null,
    };
}
