using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipes;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Processes.Serialization;

namespace Processes.Remote.Tests;

/// <summary>A hand-driven pipe connection that speaks the frame layout byte by byte, to send frames the real client never would.</summary>
public sealed class RawConnection : IAsyncDisposable
{
    public const byte Version = 1;
    public const byte Hello = 1, Proof = 2, Welcome = 3, Launch = 10, Status = 16, Cancel = 21, Result = 40, Error = 41;
    public const byte ProtocolErrorCode = 12;

    private readonly NamedPipeClientStream _stream;

    private RawConnection(NamedPipeClientStream stream) => _stream = stream;

    public static async Task<RawConnection> OpenAsync(string pipeName, string? secret, bool handshake = true)
    {
        var stream = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        await stream.ConnectAsync((int)WorkerProcess.Timeout.TotalMilliseconds);
        var connection = new RawConnection(stream);
        if (handshake)
        {
            await connection.HandshakeAsync(secret);
        }

        return connection;
    }

    public async Task HandshakeAsync(string? secret)
    {
        var hello = await ReadFrameAsync() ?? throw new InvalidOperationException("No hello.");
        var reader = new ProcessReader(hello.Payload);
        reader.ReadBoolean();
        var nonce = reader.ReadBytes()!;
        var proof = secret is null ? null : HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), nonce);
        using var writer = new ProcessWriter();
        writer.WriteBytes(proof);
        await SendAsync(Frame(Version, Proof, 0, 0, writer.ToArray()));
        var welcome = await ReadFrameAsync();
        if (welcome?.Type != Welcome)
        {
            throw new InvalidOperationException($"Expected a welcome, got {welcome?.Type}.");
        }
    }

    public static byte[] Frame(byte version, byte type, byte flags, long correlationId, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[4 + 11 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, 11 + payload.Length);
        frame[4] = version;
        frame[5] = type;
        frame[6] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(7), correlationId);
        payload.CopyTo(frame.AsSpan(15));
        return frame;
    }

    public static byte[] StatusRequest(long correlationId, ProcessId id)
    {
        using var writer = new ProcessWriter();
        writer.WriteGuid(id.Value);
        return Frame(Version, Status, 0, correlationId, writer.WrittenSpan);
    }

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes).AsTask().WaitAsync(WorkerProcess.Timeout);
        await _stream.FlushAsync();
    }

    /// <summary>Reads one frame; null when the worker closed the connection.</summary>
    public async Task<RawFrame?> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(WorkerProcess.Timeout);
        var prefix = new byte[4];
        try
        {
            var read = await _stream.ReadAtLeastAsync(prefix, 4, throwOnEndOfStream: false, timeout.Token);
            if (read < 4)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            var body = new byte[length];
            read = await _stream.ReadAtLeastAsync(body, length, throwOnEndOfStream: false, timeout.Token);
            return read < length ? null : new RawFrame(body[1], BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(3)), body.AsSpan(11).ToArray());
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads frames until the worker closes the connection; returns the last one (its farewell error, if any).</summary>
    public async Task<RawFrame?> ReadUntilClosedAsync()
    {
        RawFrame? last = null;
        while (await ReadFrameAsync() is { } frame)
        {
            last = frame;
        }

        return last;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    public sealed record RawFrame(byte Type, long CorrelationId, byte[] Payload);
}
