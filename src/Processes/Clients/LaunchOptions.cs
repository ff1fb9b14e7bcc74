using System;
using System.Collections.Generic;

namespace Processes;

/// <summary>Options for launching one process.</summary>
public sealed record LaunchOptions
{
    /// <summary>Tags stored with the process's checkpoints (list and delete by tag).</summary>
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    /// <summary>An id to use instead of a new one (e.g. chosen by a client for idempotent launches).</summary>
    public ProcessId? Id { get; init; }

    /// <summary>Start the process paused: it is created and checkpointed, and runs after <c>Play</c>.</summary>
    public bool StartPaused { get; init; }
}
