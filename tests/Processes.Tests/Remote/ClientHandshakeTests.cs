using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;
using Processes.Remote.Protocol;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Remote;

/// <summary>
/// A worker that refuses writes its reason and closes; a client whose proof then meets a broken
/// pipe still reads the reason and throws its typed exception, not the broken pipe.
/// </summary>
public sealed class ClientHandshakeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_proof_sent_into_a_closed_pipe_surfaces_the_refusal_the_worker_sent_first()
    {
        // Without a secret the client sends its proof before reading: the refusal is already waiting.
        var refusal = ErrorFrame(new RemoteWorkerBusyException("The worker already serves 1 connections (MaxConnections)."));
        var channel = new FrameChannel(BrokenPipe(refusal), FrameFormat.DefaultMaxFrameBytes, Timeout);

        var error = await Assert.ThrowsAsync<RemoteWorkerBusyException>(() => ProcessClient.HandshakeAsync(channel, secret: null, CancellationToken.None)).WaitAsync(Timeout);

        Assert.Contains("MaxConnections", error.Message);
    }

    [Fact]
    public async Task A_refusal_after_the_hello_wins_over_the_broken_pipe_of_the_proof()
    {
        var hello = FrameBytes(FrameType.Hello, writer => Handshake.WriteHello(writer, proofRequired: true, new byte[Handshake.NonceBytes]));
        var refusal = ErrorFrame(new RemoteWorkerBusyException("this one had waited longest and was dropped"));
        var channel = new FrameChannel(BrokenPipe([.. hello, .. refusal]), FrameFormat.DefaultMaxFrameBytes, Timeout);

        await Assert.ThrowsAsync<RemoteWorkerBusyException>(() => ProcessClient.HandshakeAsync(channel, secret: [1, 2, 3], CancellationToken.None)).WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_broken_pipe_with_no_refusal_to_read_stays_a_broken_pipe()
    {
        var channel = new FrameChannel(BrokenPipe([]), FrameFormat.DefaultMaxFrameBytes, Timeout);

        await Assert.ThrowsAsync<IOException>(() => ProcessClient.HandshakeAsync(channel, secret: null, CancellationToken.None)).WaitAsync(Timeout);
    }

    private static ScriptedStream BrokenPipe(byte[] incoming) =>
        new(incoming) { BeforeWrite = _ => Task.FromException(new IOException("Broken pipe")) };

    private static byte[] ErrorFrame(Exception error) => FrameBytes(FrameType.Error, writer => RemoteErrors.Write(writer, error));

    private static byte[] FrameBytes(FrameType type, Action<ProcessWriter> payload)
    {
        using var writer = new ProcessWriter();
        var mark = FrameFormat.Begin(writer, type, FrameFlags.None, 0);
        payload(writer);
        FrameFormat.End(writer, mark);
        return writer.ToArray();
    }
}
