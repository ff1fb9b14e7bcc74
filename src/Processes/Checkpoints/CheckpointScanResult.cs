using System.Collections.Generic;

namespace Processes.Checkpoints;

/// <summary>
/// What <see cref="FileCheckpointStore.ScanAsync"/> found: the readable checkpoints and, apart,
/// the files that could not be read, so one damaged file never hides the healthy ones.
/// </summary>
/// <param name="Checkpoints">The readable checkpoints (filtered by tag when one was given), ordered by save time and then id.</param>
/// <param name="Corrupted">One error per unreadable checkpoint file, whatever the tag filter (their tags are unknown).</param>
public sealed record CheckpointScanResult(
    IReadOnlyList<CheckpointInfo> Checkpoints,
    IReadOnlyList<CheckpointCorruptedException> Corrupted);
