using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Pipes;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.Remote;

// The handshake a client runs on a new connection before any call (the worker runs the other side).
public sealed partial class ProcessClient
{
    /// <summary>Closes the connection. Calls still waiting fail with <see cref="RemoteProcessException"/>; the worker's processes go on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Fail(new RemoteProcessException("The client was disposed."));
        await _closing.CancelAsync().ConfigureAwait(false);
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _readLoop.ConfigureAwait(false);
        _closing.Dispose();
    }

    internal static async Task<WorkerFeatures> HandshakeAsync(FrameChannel channel, byte[]? secret, CancellationToken cancellationToken)
    {
        // Send a proof whenever we hold a secret, and none otherwise: the worker decides and logs a
        // refusal. Without a secret there is nothing to compute from the nonce, so the (empty)
        // proof goes out at once instead of after the hello: one round trip less per connect.
        if (secret is null)
        {
            await SendProofAsync(channel, null, cancellationToken).ConfigureAwait(false);
        }

        byte[] nonce;
        using (var hello = await ReadHandshakeFrameAsync(channel, FrameType.Hello, cancellationToken).ConfigureAwait(false))
        {
            (_, nonce) = Handshake.ReadHello(hello.Payload);
        }

        if (secret is not null)
        {
            await SendProofAsync(channel, Handshake.Prove(secret, nonce), cancellationToken).ConfigureAwait(false);
        }

        using var welcome = await ReadHandshakeFrameAsync(channel, FrameType.Welcome, cancellationToken).ConfigureAwait(false);
        // Empty from a version-1 worker; later bytes are features of later workers, ignored here.
        return welcome.Payload.IsEmpty ? WorkerFeatures.None : (WorkerFeatures)welcome.Payload[0];
    }

    private static async Task SendProofAsync(FrameChannel channel, byte[]? proof, CancellationToken cancellationToken)
    {
        try
        {
            await channel.SendAsync(FrameType.Proof, FrameFlags.None, 0, writer => writer.WriteBytes(proof)).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            // A worker that refuses (busy, or a wrong proof) writes its reason and closes; when it
            // closed before our proof went out, the write breaks but the reason is still there to read.
            throw await ReadRefusalAsync(channel, exception, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The refusal the worker sent before it closed, or <paramref name="broken"/> when there is none to read.</summary>
    private static async Task<Exception> ReadRefusalAsync(FrameChannel channel, IOException broken, CancellationToken cancellationToken)
    {
        try
        {
            using var frame = await channel.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (frame is not null && frame.Type == FrameType.Hello)
            {
                // The refusal may follow a hello (the worker dropped the handshake after it began).
                using var next = await channel.ReadAsync(cancellationToken).ConfigureAwait(false);
                return next?.Type == FrameType.Error ? ReadError(next) : broken;
            }

            return frame?.Type == FrameType.Error ? ReadError(frame) : broken;
        }
        catch (Exception exception) when (exception is IOException or RemoteProtocolException or ObjectDisposedException)
        {
            return broken;
        }
    }

    private static async Task<Frame> ReadHandshakeFrameAsync(FrameChannel channel, FrameType expected, CancellationToken cancellationToken)
    {
        var frame = await channel.ReadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new RemoteProcessException($"The worker closed the connection during the handshake (expecting {expected}).");
        if (frame.Type == expected)
        {
            return frame;
        }

        using (frame)
        {
            if (frame.Type == FrameType.Error)
            {
                throw ReadError(frame);
            }

            throw new RemoteProtocolException($"The worker sent frame type {(byte)frame.Type} during the handshake, expecting {expected}.");
        }
    }

    private static Exception ReadError(Frame frame) => ReadError(frame.Payload);

    private static Exception ReadError(ReadOnlySpan<byte> payload)
    {
        try
        {
            return RemoteErrors.Read(payload);
        }
        catch (ProcessSerializationException exception)
        {
            return new RemoteProtocolException("The worker sent a malformed error frame: " + exception.Message, exception);
        }
    }
}
