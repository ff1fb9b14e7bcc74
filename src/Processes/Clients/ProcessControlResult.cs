namespace Processes;

/// <summary>How a control call (pause, play, kill) was answered.</summary>
public enum ProcessControlOutcome
{
    /// <summary>The request took effect.</summary>
    Applied = 0,

    /// <summary>Nothing to do: the process was already in the requested condition (e.g. paused twice).</summary>
    Unchanged = 1,

    /// <summary>The process has terminated; it accepts no more control calls.</summary>
    Terminated = 2,
}

/// <summary>The answer to a control call.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="State">The process's state after the call.</param>
/// <param name="Message">A sentence for people and logs.</param>
public sealed record ProcessControlResult(ProcessControlOutcome Outcome, ProcessState State, string Message)
{
    /// <summary>True unless the process had terminated.</summary>
    public bool Accepted => Outcome != ProcessControlOutcome.Terminated;
}
