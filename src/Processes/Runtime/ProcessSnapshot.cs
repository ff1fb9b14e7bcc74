using System;
using System.Collections.Generic;

namespace Processes.Runtime;

/// <summary>A child launched by a process step, as the parent's checkpoint records it.</summary>
/// <param name="Key">The child's key in its parent.</param>
/// <param name="Id">The child's id.</param>
/// <param name="Name">The child's type name.</param>
/// <param name="Flags">How the parent treats it (version-4 checkpoints).</param>
/// <param name="Parallelism">The bound of the fan-out it belongs to (0: none).</param>
internal sealed record ChildRecord(string Key, ProcessId Id, string Name, ChildFlags Flags = ChildFlags.None, int Parallelism = 0);


/// <summary>Everything about a process except its own data sections: what the checkpoint envelope holds. A struct: one is taken per checkpoint.</summary>
internal readonly record struct ProcessSnapshot
{
    public ProcessSnapshot()
    {
    }

    public required ProcessId Id { get; init; }

    public required string Name { get; init; }

    public ProcessId? ParentId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required ProcessState State { get; init; }

    public bool Paused { get; init; }

    public string? StatusMessage { get; init; }

    public string? StatusBeforePause { get; init; }

    public int Position { get; init; }

    public IReadOnlyList<ChildRecord> Children { get; init; } = Array.Empty<ChildRecord>();

    public IReadOnlyList<string> AwaitedChildren { get; init; } = Array.Empty<string>();

    public int? ExitCode { get; init; }

    public string? ExitMessage { get; init; }

    public string? KillMessage { get; init; }

    public ProcessErrorInfo? Error { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The W3C <c>traceparent</c> of the last traced run of the process (version-5 checkpoints; null
    /// when no run was traced): a run continued from the checkpoint links its span to it.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The compile-time fingerprint of the outline that wrote the checkpoint (null for tasks and version-1 checkpoints).</summary>
    public string? OutlineFingerprint { get; init; }

    /// <summary>
    /// How many steps have completed: the "iteration" part of a child's derived id, so the same
    /// key launched by the same instruction on another loop turn gets another child.
    /// </summary>
    public int StepSequence { get; init; }

    /// <summary>The attempt number of the body that runs next or now (1 = the first; version-3 checkpoints).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>When a failed body's next attempt is due (null: not waiting for a retry).</summary>
    public DateTimeOffset? RetryDueAt { get; init; }

    /// <summary>When the durable timer a step started runs out (null: no timer).</summary>
    public DateTimeOffset? TimerDueAt { get; init; }

    /// <summary>When the outline's wait for a shared state (at <see cref="Position"/>) times out (null: no wait with a timeout; version-6 checkpoints).</summary>
    public DateTimeOffset? StateWaitDeadline { get; init; }

    /// <summary>The retry policy given at launch instead of the type's (null: the type's).</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>The time limit given at launch instead of the type's (null: the type's).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Events raised to the process that no wait has taken yet, oldest first (version-4 checkpoints).</summary>
    public IReadOnlyList<ProcessEventRecord> Inbox { get; init; } = Array.Empty<ProcessEventRecord>();

    /// <summary>The events the process waits for before its next step (any one of them ends the wait).</summary>
    public IReadOnlyList<string> AwaitedEvents { get; init; } = Array.Empty<string>();

    /// <summary>When the event wait times out (null: it waits as long as it takes).</summary>
    public DateTimeOffset? EventDeadline { get; init; }

    /// <summary>The outputs emitted before the end, by port name (version-4 checkpoints).</summary>
    public IReadOnlyList<string> EmittedOutputs { get; init; } = Array.Empty<string>();

    /// <summary>The events taken by earlier waits, one per name, which steps read.</summary>
    public IReadOnlyList<ProcessEventRecord> ReceivedEvents { get; init; } = Array.Empty<ProcessEventRecord>();
}
