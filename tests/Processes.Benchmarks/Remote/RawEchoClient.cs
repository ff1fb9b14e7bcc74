using System;
using System.Buffers.Binary;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Benchmarks.Remote;

/// <summary>
/// remote-call's baseline: one request at a time to the raw echo server, written as one
/// length-prefixed frame and read straight back on the caller's await, with no read loop,
/// protocol or serialization. The least any request/reply over this pipe can cost.
/// </summary>
internal sealed class RawEchoClient : IAsyncDisposable
{
    private readonly NamedPipeClientStream _pipe;
    private byte[] _frame = new byte[4];

    private RawEchoClient(NamedPipeClientStream pipe) => _pipe = pipe;

    public static async Task<RawEchoClient> ConnectAsync(string pipeName, TimeSpan timeout)
    {
        // The same options as ProcessClient's defaults.
        var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.CurrentUserOnly | PipeOptions.Asynchronous);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await pipe.ConnectAsync(deadline.Token).ConfigureAwait(false);
            return new RawEchoClient(pipe);
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends the payload and returns the echoed bytes (a view of an internal buffer, valid until the next call).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> EchoAsync(ReadOnlyMemory<byte> payload)
    {
        var frameLength = 4 + payload.Length;
        if (_frame.Length < frameLength)
        {
            _frame = new byte[frameLength];
        }

        BinaryPrimitives.WriteInt32LittleEndian(_frame, payload.Length);
        payload.CopyTo(_frame.AsMemory(4));
        await _pipe.WriteAsync(_frame.AsMemory(0, frameLength)).ConfigureAwait(false);
        await _pipe.ReadExactlyAsync(_frame.AsMemory(0, 4)).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32LittleEndian(_frame);
        if (length != payload.Length)
        {
            throw new InvalidOperationException($"The echo server answered {length} bytes to a {payload.Length}-byte request.");
        }

        await _pipe.ReadExactlyAsync(_frame.AsMemory(4, length)).ConfigureAwait(false);
        return _frame.AsMemory(4, length);
    }

    public ValueTask DisposeAsync() => _pipe.DisposeAsync();
}
