using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// remote-throughput's fair raw baseline: many echoes in flight on one pipe to the echo server
/// started with <c>--batched</c>, batching both ways as the SDK's frame channels do. Callers append
/// their frame to a shared buffer; whoever finds no write in progress writes everything queued in
/// one call (and again while more arrived). One read loop reads whatever has arrived and completes
/// every whole frame in it, matching replies by an id in the payload.
/// </summary>
internal sealed class RawBatchedEchoClient : IAsyncDisposable
{
    private const int IdBytes = 8;
    private readonly NamedPipeClientStream _pipe;
    private readonly Lock _queueLock = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<int>> _pending = new();
    private readonly Task _readLoop;
    private byte[] _queued = new byte[16 * 1024];
    private byte[] _writing = new byte[16 * 1024];
    private int _queuedLength;
    private bool _flushing;
    private long _lastId;

    private RawBatchedEchoClient(NamedPipeClientStream pipe)
    {
        _pipe = pipe;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public static async Task<RawBatchedEchoClient> ConnectAsync(string pipeName, TimeSpan timeout)
    {
        var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.CurrentUserOnly | PipeOptions.Asynchronous);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await pipe.ConnectAsync(deadline.Token).ConfigureAwait(false);
            return new RawBatchedEchoClient(pipe);
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends <paramref name="payloadBytes"/> bytes (an id first) and returns the length of the echo.</summary>
    public async Task<int> EchoAsync(int payloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadBytes, IdBytes);
        var id = Interlocked.Increment(ref _lastId);
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        bool flush;
        lock (_queueLock)
        {
            if (_queued.Length - _queuedLength < 4 + payloadBytes)
            {
                Array.Resize(ref _queued, Math.Max(_queued.Length * 2, _queuedLength + 4 + payloadBytes));
            }

            var frame = _queued.AsSpan(_queuedLength, 4 + payloadBytes);
            BinaryPrimitives.WriteInt32LittleEndian(frame, payloadBytes);
            BinaryPrimitives.WriteInt64LittleEndian(frame[4..], id);
            frame[(4 + IdBytes)..].Clear();
            _queuedLength += 4 + payloadBytes;
            flush = !_flushing;
            _flushing = true;
        }

        if (flush)
        {
            await FlushAsync().ConfigureAwait(false);
        }

        return await reply.Task.ConfigureAwait(false);
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            int length;
            lock (_queueLock)
            {
                if (_queuedLength == 0)
                {
                    _flushing = false;
                    return;
                }

                (_queued, _writing) = (_writing, _queued);
                length = _queuedLength;
                _queuedLength = 0;
            }

            await _pipe.WriteAsync(_writing.AsMemory(0, length)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pipe.DisposeAsync().ConfigureAwait(false);
        await _readLoop.ConfigureAwait(false);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await _pipe.ReadAsync(buffer.AsMemory(filled)).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EndOfStreamException();
                }

                filled += read;
                var consumed = 0;
                while (filled - consumed >= 4)
                {
                    var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(consumed));
                    if (filled - consumed - 4 < length)
                    {
                        if (buffer.Length - consumed < 4 + length)
                        {
                            Array.Resize(ref buffer, Math.Max(buffer.Length, 4 + length) * 2);
                        }

                        break;
                    }

                    var id = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(consumed + 4));
                    if (_pending.TryRemove(id, out var reply))
                    {
                        reply.TrySetResult(length);
                    }

                    consumed += 4 + length;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException or ObjectDisposedException)
        {
            foreach (var (_, reply) in _pending)
            {
                reply.TrySetException(new IOException("The raw echo connection closed.", exception));
            }
        }
    }
}
