using System;

namespace Processes;

/// <summary>
/// A child launched by a process step did not finish successfully, so the parent fails. The
/// child's own error (type, message, stack) is in <see cref="ChildStatus"/>; when the child ran in
/// this process, <see cref="Exception.InnerException"/> is the exception it threw.
/// </summary>
public sealed class ChildProcessFailedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ChildProcessFailedException(string childKey, ProcessStatus childStatus, Exception? innerException = null)
        : base(Describe(childKey, childStatus), innerException)
    {
        ChildKey = childKey;
        ChildStatus = childStatus;
    }

    /// <summary>The key the child was launched under.</summary>
    public string ChildKey { get; }

    /// <summary>The child's final status.</summary>
    public ProcessStatus ChildStatus { get; }

    private static string Describe(string key, ProcessStatus status) => status.State switch
    {
        ProcessState.Excepted => $"The child '{key}' ({status.Name} {status.Id}) failed: {status.Error?.TypeName}: {status.Error?.Message}",
        ProcessState.Killed => $"The child '{key}' ({status.Name} {status.Id}) was killed{(status.KillMessage is null ? "." : ": " + status.KillMessage)}",
        _ => $"The child '{key}' ({status.Name} {status.Id}) finished unsuccessfully with exit code {status.ExitCode}: {status.ExitMessage}",
    };
}
