using System;

namespace Processes;

/// <summary>A snapshot of a process's status.</summary>
public sealed record ProcessStatus
{
    /// <summary>The process id.</summary>
    public required ProcessId Id { get; init; }

    /// <summary>The registered process type name.</summary>
    public required string Name { get; init; }

    /// <summary>The state.</summary>
    public required ProcessState State { get; init; }

    /// <summary>True when the process is paused (orthogonal to the state).</summary>
    public required bool Paused { get; init; }

    /// <summary>The status message: set by the process, or the pause message while paused.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>When the process was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The parent process, for a child.</summary>
    public ProcessId? ParentId { get; init; }

    /// <summary>For a finished process: 0 for success, otherwise the exit code it returned.</summary>
    public int? ExitCode { get; init; }

    /// <summary>For a finished-unsuccessful process: why (e.g. a missing required output).</summary>
    public string? ExitMessage { get; init; }

    /// <summary>For an excepted process: the error.</summary>
    public ProcessErrorInfo? Error { get; init; }

    /// <summary>For a killed process: the kill message.</summary>
    public string? KillMessage { get; init; }

    /// <summary>The outputs the process emitted before its end (<c>ProcessContext.EmitOutput</c>), by port name, in order.</summary>
    public System.Collections.Generic.IReadOnlyList<string> EmittedOutputs { get; init; } = Array.Empty<string>();

    /// <summary>True when the process finished with exit code 0.</summary>
    public bool IsSuccessful => State == ProcessState.Finished && ExitCode == 0;
}
