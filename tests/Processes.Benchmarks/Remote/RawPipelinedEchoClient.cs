using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// remote-throughput's baseline: many requests outstanding on one pipe to the raw echo server.
/// Callers write whole frames under a lock; one read loop matches each echoed frame to its caller
/// by the 8-byte id at the start of the payload. The same shape as ProcessClient (write lock,
/// pending table, read loop completing a TaskCompletionSource), without protocol or serialization.
/// </summary>
internal sealed class RawPipelinedEchoClient : IAsyncDisposable
{
    private const int IdBytes = 8;
    private readonly NamedPipeClientStream _pipe;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<int>> _pending = new();
    private readonly Task _readLoop;
    private byte[] _frame = new byte[4 + IdBytes];
    private long _lastId;

    private RawPipelinedEchoClient(NamedPipeClientStream pipe)
    {
        _pipe = pipe;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public static async Task<RawPipelinedEchoClient> ConnectAsync(string pipeName, TimeSpan timeout)
    {
        var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.CurrentUserOnly | PipeOptions.Asynchronous);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await pipe.ConnectAsync(deadline.Token).ConfigureAwait(false);
            return new RawPipelinedEchoClient(pipe);
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends <paramref name="payloadBytes"/> bytes (an id, then filler) and returns how many came back for this call.</summary>
    public async Task<int> EchoAsync(int payloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadBytes, IdBytes);
        var id = Interlocked.Increment(ref _lastId);
        // Asynchronous continuations, as ProcessClient's pending calls: the read loop must not run callers' code.
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // One frame buffer shared under the lock: the baseline allocates nothing per frame.
            if (_frame.Length < 4 + payloadBytes)
            {
                _frame = new byte[4 + payloadBytes];
            }

            BinaryPrimitives.WriteInt32LittleEndian(_frame, payloadBytes);
            BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(4), id);
            await _pipe.WriteAsync(_frame.AsMemory(0, 4 + payloadBytes)).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        return await reply.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _pipe.DisposeAsync().ConfigureAwait(false);
        await _readLoop.ConfigureAwait(false);
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var prefix = new byte[4];
        var payload = new byte[1024];
        try
        {
            while (true)
            {
                await _pipe.ReadExactlyAsync(prefix).ConfigureAwait(false);
                var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
                if (payload.Length < length)
                {
                    payload = new byte[length];
                }

                await _pipe.ReadExactlyAsync(payload.AsMemory(0, length)).ConfigureAwait(false);
                var id = BinaryPrimitives.ReadInt64LittleEndian(payload);
                if (_pending.TryRemove(id, out var reply))
                {
                    reply.TrySetResult(length);
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
