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

    /// <summary>Creates the exception for a checkpoint of the store's history that is not kept.</summary>
    public CheckpointNotFoundException(ProcessId processId, long sequence)
        : base($"Checkpoint {sequence} of process {processId} is not kept in the store's history.")
    {
        ProcessId = processId;
        Sequence = sequence;
    }

    /// <summary>The history entry that was looked up, if one was.</summary>
    public long? Sequence { get; }

    /// <summary>The process id that was looked up.</summary>
    public ProcessId ProcessId { get; }
}
