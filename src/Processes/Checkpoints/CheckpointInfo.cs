using System;
using System.Collections.Generic;

namespace Processes.Checkpoints;

/// <summary>
/// What a store knows about a checkpoint without reading its data: enough to list, filter and
/// pick processes to continue.
/// </summary>
/// <param name="Id">The process the checkpoint belongs to; a store keeps one checkpoint per id.</param>
/// <param name="ProcessName">The registered name of the process type (used to recreate it).</param>
/// <param name="State">The process state when the checkpoint was taken.</param>
/// <param name="Paused">Whether the process was paused when the checkpoint was taken.</param>
/// <param name="Tags">Free-form labels to list or delete checkpoints by; compared ordinally.</param>
/// <param name="SavedAt">When the checkpoint was taken.</param>
/// <param name="ParentId">The process that launched this one, if any.</param>
public sealed record CheckpointInfo(
    ProcessId Id,
    string ProcessName,
    ProcessState State,
    bool Paused,
    IReadOnlyList<string> Tags,
    DateTimeOffset SavedAt,
    ProcessId? ParentId = null)
{
    /// <summary>The registered name of the process type (used to recreate it).</summary>
    public string ProcessName { get; init; } = ProcessName ?? throw new ArgumentNullException(nameof(ProcessName));

    /// <summary>Free-form labels to list or delete checkpoints by; compared ordinally.</summary>
    public IReadOnlyList<string> Tags { get; init; } = Tags ?? throw new ArgumentNullException(nameof(Tags));

    /// <summary>
    /// The store's number for this checkpoint of the process, growing with every save (0 where
    /// a store does not number checkpoints). <see cref="ICheckpointHistory"/> loads by it.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>True when <see cref="Tags"/> contains <paramref name="tag"/> (ordinal comparison).</summary>
    public bool HasTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        foreach (var candidate in Tags)
        {
            if (string.Equals(candidate, tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
