namespace Processes.Pool;

/// <summary>
/// A launch was refused or dropped because its <see cref="ProcessPool"/> is closing or closed: a
/// call made after close, or a launch still queued when the pool closed with
/// <see cref="PoolClosePolicy.Cancel"/> or <see cref="PoolClosePolicy.Kill"/> (nothing of it ran),
/// or a task run that <see cref="PoolClosePolicy.Kill"/> stopped mid-run (<see cref="WasRunning"/>).
/// </summary>
public sealed class ProcessPoolClosedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="processName">The registered name of the process that did not run.</param>
    /// <param name="policy">The close policy that dropped it.</param>
    public ProcessPoolClosedException(string processName, PoolClosePolicy policy)
        : this(processName, policy, wasRunning: false)
    {
    }

    /// <summary>Creates the exception, saying whether the work had begun.</summary>
    /// <param name="processName">The registered name of the process.</param>
    /// <param name="policy">The close policy that stopped it.</param>
    /// <param name="wasRunning">True when it was stopped mid-run, false when it never ran.</param>
    public ProcessPoolClosedException(string processName, PoolClosePolicy policy, bool wasRunning)
        : base(wasRunning
            ? $"The process pool closed ({policy}) while '{processName}' ran; it was stopped."
            : $"The process pool closed ({policy}) before '{processName}' could run; it did not run.")
    {
        ProcessName = processName;
        Policy = policy;
        WasRunning = wasRunning;
    }

    /// <summary>The registered name of the process that did not run.</summary>
    public string ProcessName { get; }

    /// <summary>The close policy that dropped it.</summary>
    public PoolClosePolicy Policy { get; }

    /// <summary>True when the work was stopped mid-run; false when it never ran.</summary>
    public bool WasRunning { get; }
}
