namespace Processes;

/// <summary>The awaited process was killed; its result does not exist.</summary>
public sealed class ProcessKilledException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessKilledException(ProcessId processId, string processName, string? killMessage)
        : base($"Process {processName} ({processId}) was killed{(string.IsNullOrEmpty(killMessage) ? "." : ": " + killMessage)}")
    {
        ProcessId = processId;
        ProcessName = processName;
        KillMessage = killMessage;
    }

    /// <summary>The killed process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>The killed process's type name.</summary>
    public string ProcessName { get; }

    /// <summary>The message given to the kill, if any.</summary>
    public string? KillMessage { get; }
}
