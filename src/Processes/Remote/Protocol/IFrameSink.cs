using System;

namespace Processes.Remote.Protocol;

/// <summary>Takes frames where the channel's read buffer holds them (see <see cref="FrameChannel.TryHandBufferedFrame"/>).</summary>
internal interface IFrameSink
{
    /// <summary>Handles one frame; <paramref name="payload"/> is valid during the call only. Returns false when the connection is over.</summary>
    bool OnFrame(FrameType type, FrameFlags flags, long correlationId, ReadOnlySpan<byte> payload);
}
