using System;

namespace Processes.Checkpoints;

/// <summary>
/// Which checkpoints <see cref="ICheckpointStore.ListAsync"/> returns: every criterion that is
/// set must match (null means "any"). The empty query lists everything.
/// </summary>
public sealed record CheckpointQuery
{
    /// <summary>Only checkpoints carrying this tag (ordinal comparison).</summary>
    public string? Tag { get; init; }

    /// <summary>Only processes in this state.</summary>
    public ProcessState? State { get; init; }

    /// <summary>Only processes of this registered type name (ordinal comparison).</summary>
    public string? ProcessName { get; init; }

    /// <summary>Only children of this process.</summary>
    public ProcessId? ParentId { get; init; }

    /// <summary>
    /// Only top-level processes (no parent). Children inherit their parent's tags, and continuing a
    /// parent continues its children, so a recovery loop over a tag wants the roots alone.
    /// </summary>
    public bool RootsOnly { get; init; }

    /// <summary>Only checkpoints saved before this time.</summary>
    public DateTimeOffset? SavedBefore { get; init; }

    /// <summary>At most this many checkpoints (the oldest first); null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Every checkpoint.</summary>
    public static CheckpointQuery All { get; } = new();

    /// <summary>The checkpoints carrying <paramref name="tag"/>.</summary>
    public static CheckpointQuery ForTag(string tag) => new() { Tag = tag ?? throw new ArgumentNullException(nameof(tag)) };

    /// <summary>The checkpoints of the children of <paramref name="parentId"/>.</summary>
    public static CheckpointQuery ForParent(ProcessId parentId) => new() { ParentId = parentId };

    /// <summary>True when <paramref name="info"/> meets every criterion except <see cref="Limit"/>.</summary>
    public bool Matches(CheckpointInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return (Tag is null || info.HasTag(Tag))
            && (State is null || info.State == State)
            && (ProcessName is null || string.Equals(info.ProcessName, ProcessName, StringComparison.Ordinal))
            && (ParentId is null || info.ParentId == ParentId)
            && (!RootsOnly || info.ParentId is null)
            && (SavedBefore is null || info.SavedAt < SavedBefore);
    }
}
