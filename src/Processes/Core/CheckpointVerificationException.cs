namespace Processes;

/// <summary>
/// A checkpoint that was just written could not be read back (checked in debug builds, see
/// <see cref="ProcessDescriptor.VerifyCheckpointsOnSave"/>): the serializer would lose or
/// corrupt data on reload. The inner exception says which member failed.
/// </summary>
public sealed class CheckpointVerificationException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointVerificationException(ProcessId processId, string processName, ProcessException innerException)
        : base($"The checkpoint just written for {processName} ({processId}) cannot be read back: {innerException.Message}", innerException)
    {
        ProcessId = processId;
        ProcessName = processName;
    }

    /// <summary>The process whose checkpoint failed.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its type name.</summary>
    public string ProcessName { get; }
}
