namespace Processes;

/// <summary>
/// The awaited process finished, but not successfully: it returned a non-zero exit code, or its
/// outputs failed validation (exit code <see cref="ProcessExitCodes.InvalidOutputs"/>). The
/// reason is kept in <see cref="ExitMessage"/>.
/// </summary>
public sealed class ProcessFinishedUnsuccessfullyException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessFinishedUnsuccessfullyException(ProcessId processId, string processName, int exitCode, string? exitMessage)
        : base($"Process {processName} ({processId}) finished unsuccessfully with exit code {exitCode}{(exitMessage is null ? "." : ": " + exitMessage)}")
    {
        ProcessId = processId;
        ProcessName = processName;
        ExitCode = exitCode;
        ExitMessage = exitMessage;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>Its type name.</summary>
    public string ProcessName { get; }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Why it was unsuccessful.</summary>
    public string? ExitMessage { get; }
}
