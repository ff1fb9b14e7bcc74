namespace Processes.Pool;

/// <summary>What a <see cref="ProcessPool"/> does with its work when it closes (see docs/concepts/pool.md).</summary>
public enum PoolClosePolicy
{
    /// <summary>
    /// Drain everything (the default): queued launches still run, running processes run to their
    /// end; only a paused process is left where it is (detached at its last checkpoint).
    /// </summary>
    Join = 0,

    /// <summary>
    /// Drop the queue: queued launches fail with <see cref="ProcessPoolClosedException"/>; running
    /// processes run to their end; a paused process is detached at its last checkpoint.
    /// </summary>
    Cancel = 1,

    /// <summary>
    /// Stop at once: queued launches fail with <see cref="ProcessPoolClosedException"/>, running
    /// processes are killed (their waiters get <see cref="ProcessKilledException"/>).
    /// </summary>
    Kill = 2,
}
