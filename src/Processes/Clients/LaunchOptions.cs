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

    /// <summary>
    /// The priority level of the launch where launches wait for a free slot (a <c>Pool.ProcessPool</c>):
    /// lower runs first, first come first served within a level. Zero by default; negative levels
    /// are allowed. A runtime or a single worker starts every launch at once and ignores it.
    /// </summary>
    public int Priority { get; init; }

    /// <summary>
    /// The retry policy of this process instead of its type's <see cref="RetryAttribute"/> (null:
    /// the type's). Stored in the checkpoint, so a continued process keeps it.
    /// </summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>
    /// The time limit of each body run (the task body, or each step) instead of the type's
    /// <see cref="TimeLimitAttribute"/> (null: the type's). Stored in the checkpoint.
    /// </summary>
    public System.TimeSpan? TimeLimit
    {
        get => _timeLimit;
        init => _timeLimit = value is { } limit && Processes.Rules.RetryRules.CheckTimeLimit(limit.TotalMilliseconds) is { } error
            ? throw new System.ArgumentOutOfRangeException(nameof(TimeLimit), value, error)
            : value;
    }

    private readonly System.TimeSpan? _timeLimit;
}
