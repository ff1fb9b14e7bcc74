using System;

namespace Processes;

/// <summary>
/// The awaited process ended <see cref="ProcessState.Excepted"/>: a step threw or a child failed.
/// <see cref="Error"/> keeps the original exception's type, message and stack, also when it
/// happened in another process or before a reload; <see cref="Exception.InnerException"/> is the
/// original exception object when it was thrown in this process.
/// </summary>
public sealed class ProcessExceptedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessExceptedException(ProcessId processId, string processName, ProcessErrorInfo error, Exception? innerException = null)
        : base($"Process {processName} ({processId}) failed: {error.TypeName}: {error.Message}", innerException)
    {
        ProcessId = processId;
        ProcessName = processName;
        Error = error;
    }

    /// <summary>The failed process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>The failed process's type name.</summary>
    public string ProcessName { get; }

    /// <summary>The original error.</summary>
    public ProcessErrorInfo Error { get; }
}
