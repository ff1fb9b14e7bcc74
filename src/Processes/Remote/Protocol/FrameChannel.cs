using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// Reads and writes frames on one stream. Reads are single-reader (one loop per connection);
/// writes from concurrent calls are serialized by a lock so frames never interleave. Every
/// length is checked against the configured maximum before a buffer is rented for it.
/// </summary>
internal sealed class FrameChannel : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly int _maxFrameBytes;
    private readonly TimeSpan _frameTimeout;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _prefix = new byte[4];

    public FrameChannel(Stream stream, int maxFrameBytes, TimeSpan frameTimeout)
    {
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
        _frameTimeout = frameTimeout;
    }

    /// <summary>
    /// Reads the next frame, or returns null when the peer closed the stream between frames.
    /// A malformed frame throws <see cref="RemoteProtocolException"/>. Once a frame has started,
    /// the rest must arrive within the frame timeout, so a stalled peer cannot hold a half frame forever.
    /// </summary>
    public ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken) => ReadAsync(_maxFrameBytes, cancellationToken);

    /// <summary>Reads the next frame, accepting at most <paramref name="maxFrameBytes"/> (e.g. smaller before authentication).</summary>
    public async ValueTask<Frame?> ReadAsync(int maxFrameBytes, CancellationToken cancellationToken)
    {
        var first = await _stream.ReadAsync(_prefix.AsMemory(0, 4), cancellationToken).ConfigureAwait(false);
        if (first == 0)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_frameTimeout);
        try
        {
            if (first < 4)
            {
                await ReadExactlyAsync(_prefix.AsMemory(first, 4 - first), "length prefix", timeout.Token).ConfigureAwait(false);
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(_prefix);
            if (length < FrameFormat.HeaderSize || length > maxFrameBytes)
            {
                throw new RemoteProtocolException(
                    $"A frame declares {length} byte(s); a frame holds between {FrameFormat.HeaderSize} and {maxFrameBytes} bytes here.");
            }

            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                await ReadExactlyAsync(buffer.AsMemory(0, length), "frame", timeout.Token).ConfigureAwait(false);
                return Parse(buffer, length);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RemoteProtocolException($"A frame was not completed within {_frameTimeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>Sends a frame built with <see cref="FrameFormat.Begin"/> and <see cref="FrameFormat.End"/>.</summary>
    public async ValueTask WriteAsync(ProcessWriter frame, CancellationToken cancellationToken)
    {
        if (frame.Length - 4 > _maxFrameBytes)
        {
            throw new RemoteProtocolException($"A frame of {frame.Length - 4} bytes exceeds the maximum of {_maxFrameBytes} bytes.");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not cancellable once started: a half-written frame would corrupt the stream for every other call.
            await _stream.WriteAsync(frame.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Builds and sends one frame.</summary>
    public async ValueTask SendAsync(FrameType type, FrameFlags flags, long correlationId, Action<ProcessWriter>? writePayload, CancellationToken cancellationToken)
    {
        using var writer = new ProcessWriter(512);
        var mark = FrameFormat.Begin(writer, type, flags, correlationId);
        writePayload?.Invoke(writer);
        FrameFormat.End(writer, mark);
        await WriteAsync(writer, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private static Frame Parse(byte[] buffer, int length)
    {
        var version = buffer[0];
        if (version != FrameFormat.Version)
        {
            throw new RemoteProtocolException($"A frame has protocol version {version}; this side speaks version {FrameFormat.Version}.");
        }

        var type = (FrameType)buffer[1];
        var flags = (FrameFlags)buffer[2];
        if ((flags & ~FrameFlags.Known) != 0)
        {
            throw new RemoteProtocolException($"A frame has unknown flags 0x{(byte)flags:x2}.");
        }

        var correlationId = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(3, 8));
        return new Frame(type, flags, correlationId, buffer, length);
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> destination, string what, CancellationToken cancellationToken)
    {
        var read = await _stream.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < destination.Length)
        {
            throw new RemoteProtocolException($"The connection closed in the middle of a {what} ({read} of {destination.Length} bytes).");
        }
    }
}
