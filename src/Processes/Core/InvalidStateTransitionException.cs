namespace Processes;

/// <summary>A state change that the transition table (PRODUCT.md §4) forbids was attempted.</summary>
public sealed class InvalidStateTransitionException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public InvalidStateTransitionException(ProcessId processId, ProcessState from, ProcessState to)
        : base($"Process {processId} cannot move from {from} to {to}.")
    {
        ProcessId = processId;
        From = from;
        To = to;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its state at the time.</summary>
    public ProcessState From { get; }

    /// <summary>The refused target state.</summary>
    public ProcessState To { get; }
}
