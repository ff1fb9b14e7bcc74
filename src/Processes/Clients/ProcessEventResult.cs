namespace Processes;

/// <summary>What became of an event raised to a process.</summary>
public enum ProcessEventOutcome
{
    /// <summary>The process was waiting for this event: it goes on with it.</summary>
    Delivered = 0,

    /// <summary>
    /// The process runs but is not waiting for this event now: it is kept (durably, in the
    /// process's checkpoint) until a step waits for it.
    /// </summary>
    Buffered = 1,

    /// <summary>
    /// The process is not running in the runtime that was asked: the event was written into its
    /// stored checkpoint and is delivered when the process is continued.
    /// </summary>
    Stored = 2,

    /// <summary>
    /// Nothing can ever receive the event: the process has terminated, or it is a task (tasks
    /// do not wait for events). The event is dropped, and said so.
    /// </summary>
    Rejected = 3,
}

/// <summary>The answer to raising an event.</summary>
/// <param name="Outcome">What happened to the event.</param>
/// <param name="State">The process's state when the event was taken (or rejected).</param>
/// <param name="Message">A sentence for people and logs.</param>
public sealed record ProcessEventResult(ProcessEventOutcome Outcome, ProcessState State, string Message)
{
    /// <summary>True when the event is kept for the process (delivered, buffered or stored).</summary>
    public bool Accepted => Outcome != ProcessEventOutcome.Rejected;
}
