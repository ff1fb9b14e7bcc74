using System;

namespace Processes;

/// <summary>
/// A checkpoint could not be stored: the store kept failing through every retry of
/// <see cref="ProcessRuntimeOptions.SaveRetry"/>, or refused the save because this runtime's
/// lease was lost. The store still holds the process's last good checkpoint.
/// </summary>
public sealed class CheckpointSaveFailedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointSaveFailedException(ProcessId processId, string processName, int attempts, Exception innerException)
        : base(innerException is LeaseLostException
            ? $"The checkpoint of {processName} ({processId}) was refused: {innerException.Message}"
            : $"The checkpoint of {processName} ({processId}) could not be saved after {attempts} attempt(s): {innerException.Message} The store keeps its last good checkpoint.", innerException)
    {
        ProcessId = processId;
        ProcessName = processName;
        Attempts = attempts;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its type name.</summary>
    public string ProcessName { get; }

    /// <summary>How many saves were tried.</summary>
    public int Attempts { get; }

    /// <summary>True when the store refused the save because another runtime owns the process now.</summary>
    public bool LeaseLost => InnerException is LeaseLostException;
}
