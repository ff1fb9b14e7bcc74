using System;
using System.Buffers;
using System.Threading;

namespace Processes.Remote.Protocol;

/// <summary>
/// One received frame. Its payload lives in a buffer rented from the shared pool for this frame
/// alone: parse it, then <see cref="Dispose"/> the frame to return the buffer. Never keep the
/// payload past that. Whoever holds the frame owns the buffer: the read loop hands a reply frame
/// to the waiting call, which disposes it after reading.
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

    public ReadOnlySpan<byte> Payload => PayloadMemory.Span;

    /// <summary>The payload as memory, for a request that reads part of it later (valid until <see cref="Dispose"/>).</summary>
    public ReadOnlyMemory<byte> PayloadMemory =>
        (_buffer ?? throw new ObjectDisposedException(nameof(Frame))).AsMemory(FrameFormat.HeaderSize, _length - FrameFormat.HeaderSize);

    /// <summary>Returns the buffer to the pool; safe to call more than once, from any thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
