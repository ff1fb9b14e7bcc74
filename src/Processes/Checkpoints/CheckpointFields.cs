using System;
using System.Collections.Generic;

namespace Processes.Checkpoints;

/// <summary>
/// What a synchronous save (<see cref="ISynchronousCheckpointStore"/>) describes a checkpoint
/// with: <see cref="CheckpointInfo"/>'s values without the record, so a save after every step
/// builds no object to describe it.
/// </summary>
/// <param name="ProcessName">The process type's name.</param>
/// <param name="State">The state the checkpoint records.</param>
/// <param name="Paused">Whether the process is paused.</param>
/// <param name="Tags">The process's tags (the store keeps its own copy).</param>
/// <param name="SavedAt">When the checkpoint was taken.</param>
/// <param name="ParentId">The parent process, for a child.</param>
/// <param name="Sequence">The store's sequence number, 0 when the store assigns none.</param>
internal readonly record struct CheckpointFields(
    string ProcessName,
    ProcessState State,
    bool Paused,
    IReadOnlyList<string> Tags,
    DateTimeOffset SavedAt,
    ProcessId? ParentId,
    long Sequence);
