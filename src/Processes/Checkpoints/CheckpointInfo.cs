using System;
using System.Collections.Generic;

namespace Processes.Checkpoints;

/// <summary>What a store knows about a checkpoint without reading its data.</summary>
public sealed record CheckpointInfo(
    ProcessId Id,
    string ProcessName,
    ProcessState State,
    bool Paused,
    IReadOnlyList<string> Tags,
    DateTimeOffset SavedAt,
    ProcessId? ParentId);
