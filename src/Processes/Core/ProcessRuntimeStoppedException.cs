namespace Processes;

/// <summary>
/// The runtime hosting the awaited process stopped before the process terminated. The process
/// is not lost: continue it from its last checkpoint with <see cref="ProcessRuntime.ContinueAsync(ProcessId, System.Threading.CancellationToken)"/>.
/// </summary>
public sealed class ProcessRuntimeStoppedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessRuntimeStoppedException(ProcessId processId, string processName)
        : base($"The runtime hosting {processName} ({processId}) stopped before it terminated; continue it from its checkpoint.")
    {
        ProcessId = processId;
        ProcessName = processName;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its type name.</summary>
    public string ProcessName { get; }
}
