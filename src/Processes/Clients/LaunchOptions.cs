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

    /// <summary>The most urgent <see cref="Priority"/> level.</summary>
    public const int HighestPriority = 0;

    /// <summary>The <see cref="Priority"/> level a launch has unless it says otherwise: the middle, so work can be sent ahead of it or behind it.</summary>
    public const int DefaultPriority = 4;

    /// <summary>The least urgent <see cref="Priority"/> level.</summary>
    public const int LowestPriority = 9;

    /// <summary>
    /// The launch's priority level, <see cref="HighestPriority"/> (0) to <see cref="LowestPriority"/>
    /// (9): a lower level starts first, first in first out within a level. Whatever queues
    /// launches honours it (a <c>Pool.ProcessPool</c>'s queue, RabbitMQ priority queues); the
    /// in-process runtime and a single worker start every launch at once.
    /// </summary>
    public int Priority
    {
        get => _priority;
        init => _priority = value is < HighestPriority or > LowestPriority
            ? throw new System.ArgumentOutOfRangeException(nameof(Priority), value, $"A priority level is {HighestPriority} to {LowestPriority}.")
            : value;
    }

    private readonly int _priority = DefaultPriority;
}
