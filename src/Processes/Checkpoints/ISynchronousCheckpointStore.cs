using System;

namespace Processes.Checkpoints;

/// <summary>
/// A store whose save completes on the calling thread and never fails but for a lost lease or
/// a malformed checkpoint: the runtime then hands it the checkpoint's fields and the bytes in its
/// own pooled buffer, without building a <see cref="Checkpoint"/>, copying the bytes into a
/// <see cref="ReadOnlyMemory{T}"/> of their own or going through an asynchronous call and its save
/// retry. A store whose saves can fail for a while (a disk, a network) must not implement it: it
/// would lose the runtime's retry (see <see cref="ProcessRuntimeOptions.SaveRetry"/>).
/// </summary>
internal interface ISynchronousCheckpointStore
{
    /// <summary>
    /// Saves the checkpoint of <paramref name="id"/> as <see cref="ICheckpointStore.SaveAsync"/>
    /// would; <paramref name="data"/> is only valid during the call (copy what you keep).
    /// </summary>
    /// <param name="id">The process whose checkpoint this is.</param>
    /// <param name="fields">The checkpoint's description.</param>
    /// <param name="data">The checkpoint's bytes.</param>
    /// <param name="fencingToken">The saving runtime's lease token; null when it holds none (no fencing).</param>
    /// <exception cref="LeaseLostException">Another lease than <paramref name="fencingToken"/>'s is current.</exception>
    void Save(ProcessId id, in CheckpointFields fields, ReadOnlySpan<byte> data, long? fencingToken);
}
