using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// Reads and writes frames on one stream. Reads are single-reader (one loop per connection) and
/// buffered: one read from the stream may bring many frames, each copied into a buffer of its
/// own rented from the shared pool (so a frame can outlive the next read). Writes from concurrent
/// callers are queued and written in order by one writer at a time, which coalesces the frames
/// queued meanwhile into one write, so frames never interleave. Every length is checked against
/// the configured maximum before a buffer is rented for it. Frames nobody waits for (a worker's
/// replies) can be posted instead: the write is left to a thread-pool item queued behind the work
/// already waiting, so the replies of calls that finish meanwhile go out in the same write.
/// </summary>
internal sealed class FrameChannel : IAsyncDisposable, IThreadPoolWorkItem
{
    /// <summary>
    /// Bytes read from the stream at once. Fixed, never sized by a peer: a connection that has not
    /// authenticated cannot make it grow. A frame larger than this is read straight into its own buffer.
    /// 64 KiB holds a whole batch of small frames (64 calls of a few hundred bytes are ≈20 KiB), so
    /// a read rarely ends inside a frame, which costs a second read and the frame timeout's timer.
    /// </summary>
    private const int ReadBufferBytes = 64 * 1024;

    /// <summary>
    /// Queued frames are copied into one write up to this many bytes (as many as one read takes);
    /// a larger frame is written on its own. Allocated on the first write of more than one frame.
    /// </summary>
    private const int CoalesceBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxFrameBytes;
    private readonly TimeSpan _frameTimeout;

    private readonly byte[] _readBuffer = new byte[ReadBufferBytes];
    private int _readStart;
    private int _readEnd;

    private readonly object _writeGate = new();
    private List<ProcessWriter> _queued = new();
    private List<ProcessWriter> _spareBatch = new();
    private TaskCompletionSource? _queuedWritten;
    private bool _draining;
    private Exception? _writeFailure;
    private byte[]? _coalesceBuffer;

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
    public ValueTask<Frame?> ReadAsync(int maxFrameBytes, CancellationToken cancellationToken) =>
        TryTakeBufferedFrame(maxFrameBytes) is { } frame
            ? new ValueTask<Frame?>(frame)
            : ReadFromStreamAsync(maxFrameBytes, cancellationToken);

    /// <summary>
    /// Queues a complete frame (built with <see cref="FrameFormat.Begin"/> and <see cref="FrameFormat.End"/>)
    /// and takes ownership of <paramref name="frame"/>: it is disposed once written, or when the
    /// connection fails first. Completes when the frame has been written. The write itself cannot
    /// be cancelled: a half-written frame would corrupt the stream for every other call. A frame
    /// larger than the maximum throws <see cref="RemoteProtocolException"/> at once, before anything is queued.
    /// </summary>
    public ValueTask WriteAsync(ProcessWriter frame)
    {
        DisposeAndThrowIfTooLarge(frame);
        lock (_writeGate)
        {
            if (_writeFailure is { } failure)
            {
                frame.Dispose();
                return ValueTask.FromException(WriteFailed(failure));
            }

            _queued.Add(frame);
            if (_draining)
            {
                // The writer in charge writes it with the others queued meanwhile.
                return new ValueTask((_queuedWritten ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task);
            }

            _draining = true;
        }

        // This caller writes, on its own thread: with no contention a frame costs one write and no hop.
        return DrainAsync(throwOnFirstBatch: true);
    }

    /// <summary>
    /// Queues a complete frame nobody waits for and takes ownership of it, as <see cref="WriteAsync"/>
    /// does, but leaves the write to a thread-pool item queued behind the work already waiting
    /// (unless a write is in progress or queued, which takes the frame along): a worker's calls that
    /// finish meanwhile (the rest of a batch of requests read at once) add their replies to the same
    /// write. A failed write drops the frame; the reader notices the broken connection on its own.
    /// A frame larger than the maximum throws <see cref="RemoteProtocolException"/> at once.
    /// </summary>
    public void Post(ProcessWriter frame)
    {
        DisposeAndThrowIfTooLarge(frame);
        lock (_writeGate)
        {
            if (_writeFailure is not null)
            {
                frame.Dispose();
                return;
            }

            _queued.Add(frame);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Refuses a frame over the maximum before anything is queued; the frame is disposed, as its owner handed it over.</summary>
    private void DisposeAndThrowIfTooLarge(ProcessWriter frame)
    {
        if (frame.Length - 4 > _maxFrameBytes)
        {
            var length = frame.Length - 4;
            frame.Dispose();
            throw new RemoteProtocolException($"A frame of {length} bytes exceeds the maximum of {_maxFrameBytes} bytes.");
        }
    }

    /// <summary>Builds one frame as <see cref="SendAsync"/> does and posts it (see <see cref="Post(ProcessWriter)"/>).</summary>
    public void Post(FrameType type, FrameFlags flags, long correlationId, Action<ProcessWriter>? writePayload) =>
        Post(Build(type, flags, correlationId, writePayload));

    /// <summary>The write a <see cref="Post(ProcessWriter)"/> queued: everything queued by the time it runs.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        // Never throws: a failed write reaches every waiting writer through FailWrites.
        var drained = DrainAsync(throwOnFirstBatch: false);
        if (!drained.IsCompleted)
        {
            _ = drained.AsTask();
        }
    }

    /// <summary>The largest frame this channel reads or writes.</summary>
    public int MaxFrameBytes => _maxFrameBytes;

    /// <summary>
    /// Builds and sends one frame. A payload too large for a frame throws
    /// <see cref="RemoteFrameTooLargeException"/> as soon as it passes the limit, before anything is queued.
    /// </summary>
    public ValueTask SendAsync(FrameType type, FrameFlags flags, long correlationId, Action<ProcessWriter>? writePayload) =>
        WriteAsync(Build(type, flags, correlationId, writePayload));

    private ProcessWriter Build(FrameType type, FrameFlags flags, long correlationId, Action<ProcessWriter>? writePayload)
    {
        var writer = new ProcessWriter(512);
        try
        {
            FrameFormat.Limit(writer, _maxFrameBytes);
            var mark = FrameFormat.Begin(writer, type, flags, correlationId);
            writePayload?.Invoke(writer);
            FrameFormat.End(writer, mark);
        }
        catch (WriterLimitExceededException exception)
        {
            writer.Dispose();
            throw FrameFormat.TooLarge(exception, processName: null);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        return writer;
    }

    /// <summary>Reads whatever arrives and drops it; returns 0 at the end of the stream. For a connection that is being closed.</summary>
    public ValueTask<int> DiscardAsync(CancellationToken cancellationToken) => _stream.ReadAsync(_readBuffer, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the next frame wholly in the read buffer to <paramref name="sink"/> where it lies, with
    /// no copy (the payload is valid during the call only); returns false when no whole frame is
    /// buffered. <paramref name="goOn"/> is what the sink returned. The single reader's fast path:
    /// a read from the stream that brought many frames copies only the first (<see cref="ReadAsync(CancellationToken)"/>).
    /// </summary>
    public bool TryHandBufferedFrame(IFrameSink sink, out bool goOn)
    {
        goOn = true;
        var buffered = _readEnd - _readStart;
        if (buffered < 4)
        {
            return false;
        }

        var length = ReadLength(_readBuffer.AsSpan(_readStart), _maxFrameBytes);
        if (buffered - 4 < length)
        {
            return false;
        }

        var frame = _readBuffer.AsSpan(_readStart + 4, length);
        var (type, flags, correlationId) = ParseHeader(frame);
        _readStart += 4 + length;
        if (_readStart == _readEnd)
        {
            // The span stays valid: nothing fills the buffer until the sink returns.
            _readStart = _readEnd = 0;
        }

        goOn = sink.OnFrame(type, flags, correlationId, frame[FrameFormat.HeaderSize..]);
        return true;
    }

    /// <summary>A frame wholly in the read buffer, or null when more bytes are needed.</summary>
    private Frame? TryTakeBufferedFrame(int maxFrameBytes)
    {
        var buffered = _readEnd - _readStart;
        if (buffered < 4)
        {
            return null;
        }

        var length = ReadLength(_readBuffer.AsSpan(_readStart), maxFrameBytes);
        if (buffered - 4 < length)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        _readBuffer.AsSpan(_readStart + 4, length).CopyTo(buffer);
        _readStart += 4 + length;
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
        }

        try
        {
            return Parse(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Frame?> ReadFromStreamAsync(int maxFrameBytes, CancellationToken cancellationToken)
    {
        if (_readStart == _readEnd)
        {
            // Between frames: wait as long as it takes.
            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            if (TryTakeBufferedFrame(maxFrameBytes) is { } frame)
            {
                return frame;
            }
        }

        // A frame has started: the rest must arrive within the frame timeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_frameTimeout);
        try
        {
            while (_readEnd - _readStart < 4)
            {
                if (await FillAsync(timeout.Token).ConfigureAwait(false) == 0)
                {
                    throw Truncated("length prefix", _readEnd - _readStart, 4);
                }
            }

            if (TryTakeBufferedFrame(maxFrameBytes) is { } frame)
            {
                return frame;
            }

            var length = ReadLength(_readBuffer.AsSpan(_readStart), maxFrameBytes);
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var received = _readEnd - _readStart - 4;
                _readBuffer.AsSpan(_readStart + 4, received).CopyTo(buffer);
                _readStart = _readEnd = 0;
                var missing = length - received;
                if (missing >= ReadBufferBytes)
                {
                    // Large: straight into the frame's buffer, never past its end.
                    var read = await _stream.ReadAtLeastAsync(buffer.AsMemory(received, missing), missing, throwOnEndOfStream: false, timeout.Token).ConfigureAwait(false);
                    if (read < missing)
                    {
                        throw Truncated("frame", received + read, length);
                    }
                }
                else
                {
                    while (_readEnd < missing)
                    {
                        if (await FillAsync(timeout.Token).ConfigureAwait(false) == 0)
                        {
                            throw Truncated("frame", received + _readEnd, length);
                        }
                    }

                    _readBuffer.AsSpan(0, missing).CopyTo(buffer.AsSpan(received));
                    _readStart = missing;
                    if (_readStart == _readEnd)
                    {
                        _readStart = _readEnd = 0;
                    }
                }

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

    /// <summary>Reads what the stream has into the read buffer after what is buffered; returns 0 at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_readStart > 0)
        {
            _readBuffer.AsSpan(_readStart, _readEnd - _readStart).CopyTo(_readBuffer);
            _readEnd -= _readStart;
            _readStart = 0;
        }

        var read = await _stream.ReadAsync(_readBuffer.AsMemory(_readEnd), cancellationToken).ConfigureAwait(false);
        _readEnd += read;
        return read;
    }

    private static int ReadLength(ReadOnlySpan<byte> prefix, int maxFrameBytes)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < FrameFormat.HeaderSize || length > maxFrameBytes)
        {
            throw new RemoteProtocolException(
                $"A frame declares {length} byte(s); a frame holds between {FrameFormat.HeaderSize} and {maxFrameBytes} bytes here.");
        }

        return length;
    }

    private static RemoteProtocolException Truncated(string what, int read, int expected) =>
        new($"The connection closed in the middle of a {what} ({read} of {expected} bytes).");

    /// <summary>Checks the header and wraps the buffer; on a throw the caller still owns the buffer.</summary>
    private static Frame Parse(byte[] buffer, int length)
    {
        var (type, flags, correlationId) = ParseHeader(buffer);
        return new Frame(type, flags, correlationId, buffer, length);
    }

    /// <summary>Checks a frame's header (version, known flags) and returns its fields.</summary>
    private static (FrameType Type, FrameFlags Flags, long CorrelationId) ParseHeader(ReadOnlySpan<byte> buffer)
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

        return (type, flags, BinaryPrimitives.ReadInt64LittleEndian(buffer.Slice(3, 8)));
    }

    /// <summary>
    /// Writes queued frames until none is left: each pass takes everything queued so far (in
    /// order) as one batch. Throws only when <paramref name="throwOnFirstBatch"/> says the caller's
    /// own frame is in the first batch and it was not written; other batches report to their own waiters.
    /// </summary>
    private async ValueTask DrainAsync(bool throwOnFirstBatch)
    {
        var firstBatch = throwOnFirstBatch;
        while (true)
        {
            List<ProcessWriter> batch;
            TaskCompletionSource? batchWritten;
            lock (_writeGate)
            {
                if (_queued.Count == 0)
                {
                    _draining = false;
                    return;
                }

                batch = _queued;
                _queued = _spareBatch;
                _spareBatch = null!;
                batchWritten = _queuedWritten;
                _queuedWritten = null;
            }

            try
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                FailWrites(exception, batch, batchWritten);
                if (firstBatch)
                {
                    throw;
                }

                return;
            }

            foreach (var frame in batch)
            {
                frame.Dispose();
            }

            batch.Clear();
            lock (_writeGate)
            {
                _spareBatch = batch;
            }

            batchWritten?.TrySetResult();
            firstBatch = false;
        }
    }

    private async ValueTask WriteBatchAsync(List<ProcessWriter> batch)
    {
        if (batch.Count == 1)
        {
            await _stream.WriteAsync(batch[0].WrittenMemory, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            var buffer = _coalesceBuffer ??= new byte[CoalesceBufferBytes];
            var used = 0;
            foreach (var frame in batch)
            {
                var bytes = frame.WrittenMemory;
                if (bytes.Length > buffer.Length - used)
                {
                    if (used > 0)
                    {
                        await _stream.WriteAsync(buffer.AsMemory(0, used), CancellationToken.None).ConfigureAwait(false);
                        used = 0;
                    }

                    if (bytes.Length > buffer.Length)
                    {
                        await _stream.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
                        continue;
                    }
                }

                bytes.Span.CopyTo(buffer.AsSpan(used));
                used += bytes.Length;
            }

            if (used > 0)
            {
                await _stream.WriteAsync(buffer.AsMemory(0, used), CancellationToken.None).ConfigureAwait(false);
            }
        }

        await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// After a failed write the stream is unusable: frames queued now or later are dropped and
    /// their writers told. (The reader notices the broken connection on its own.)
    /// </summary>
    private void FailWrites(Exception failure, List<ProcessWriter> batch, TaskCompletionSource? batchWritten)
    {
        List<ProcessWriter> dropped;
        TaskCompletionSource? queuedWritten;
        lock (_writeGate)
        {
            _writeFailure ??= failure;
            dropped = _queued;
            _queued = new List<ProcessWriter>();
            _spareBatch = new List<ProcessWriter>();
            queuedWritten = _queuedWritten;
            _queuedWritten = null;
            _draining = false;
        }

        foreach (var frame in batch)
        {
            frame.Dispose();
        }

        foreach (var frame in dropped)
        {
            frame.Dispose();
        }

        batchWritten?.TrySetException(WriteFailed(failure));
        queuedWritten?.TrySetException(WriteFailed(failure));
    }

    private static Exception WriteFailed(Exception failure) => failure is ObjectDisposedException
        ? new ObjectDisposedException("The connection is closed.", failure)
        : new IOException("Writing to the connection failed: " + failure.Message, failure);
}
