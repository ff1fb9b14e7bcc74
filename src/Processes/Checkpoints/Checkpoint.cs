using System;

namespace Processes.Checkpoints;

/// <summary>A stored checkpoint: its description and the runtime's opaque bytes.</summary>
public sealed record Checkpoint(CheckpointInfo Info, ReadOnlyMemory<byte> Data);
