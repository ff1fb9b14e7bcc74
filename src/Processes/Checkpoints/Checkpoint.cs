using System;

namespace Processes.Checkpoints;

/// <summary>A saved checkpoint: its description and the runtime's opaque checkpoint bytes.</summary>
/// <param name="Info">What the checkpoint is (id, process name, state, tags, time).</param>
/// <param name="Data">The runtime's serialized process state; stores keep it byte for byte and never interpret it.</param>
public sealed record Checkpoint(CheckpointInfo Info, ReadOnlyMemory<byte> Data)
{
    /// <summary>What the checkpoint is (id, process name, state, tags, time).</summary>
    public CheckpointInfo Info { get; init; } = Info ?? throw new ArgumentNullException(nameof(Info));

    /// <summary>
    /// The saver's lease token (see <see cref="ProcessLease.FencingToken"/>): the store writes the
    /// checkpoint only while this is the process's current token. Null for an unfenced save
    /// (tools, tests, stores used without a runtime).
    /// </summary>
    public long? FencingToken { get; init; }
}
