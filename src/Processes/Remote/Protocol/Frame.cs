using System;
using System.Buffers;

namespace Processes.Remote.Protocol;

/// <summary>
/// One received frame. Its payload lives in a buffer rented from the shared pool: parse it, then
/// <see cref="Dispose"/> the frame to return the buffer. Never keep the payload past that.
/// </summary>
internal sealed class Frame : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    public Frame(FrameType type, FrameFlags flags, long correlationId, byte[] buffer, int length)
    {
        Type = type;
        Flags = flags;
        CorrelationId = correlationId;
        _buffer = buffer;
        _length = length;
    }

    public FrameType Type { get; }

    public FrameFlags Flags { get; }

    public long CorrelationId { get; }

    public ReadOnlySpan<byte> Payload =>
        (_buffer ?? throw new ObjectDisposedException(nameof(Frame))).AsSpan(FrameFormat.HeaderSize, _length - FrameFormat.HeaderSize);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
