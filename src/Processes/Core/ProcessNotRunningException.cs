namespace Processes;

/// <summary>
/// A control call named a process that has a checkpoint and has not terminated, but is not
/// running in the runtime that was asked. Continue it first (e.g. <c>ContinueAsync</c>), then control it.
/// </summary>
public sealed class ProcessNotRunningException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessNotRunningException(ProcessId processId, string processName)
        : base($"Process {processName} ({processId}) is not running here; continue it from its checkpoint first.")
    {
        ProcessId = processId;
        ProcessName = processName;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its type name.</summary>
    public string ProcessName { get; }
}
