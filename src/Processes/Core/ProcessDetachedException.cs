using System;

namespace Processes;

/// <summary>
/// The process stopped where it was without terminating, because its checkpoints could not be
/// stored (the store stayed down) or another runtime took it over (its lease was lost). It did
/// not fail: its last stored checkpoint is intact and can be continued, here or elsewhere.
/// </summary>
public sealed class ProcessDetachedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessDetachedException(ProcessId processId, string processName, Exception reason)
        : base($"{processName} ({processId}) was detached and can be continued from its last checkpoint: {reason.Message}", reason)
    {
        ProcessId = processId;
        ProcessName = processName;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its type name.</summary>
    public string ProcessName { get; }
}
