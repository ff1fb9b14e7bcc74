namespace Processes;

/// <summary>No checkpoint is stored for a process id (never saved, or deleted).</summary>
public sealed class CheckpointNotFoundException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointNotFoundException(ProcessId processId)
        : base($"No checkpoint is stored for process {processId}.")
    {
        ProcessId = processId;
    }

    /// <summary>The process id that was looked up.</summary>
    public ProcessId ProcessId { get; }
}
