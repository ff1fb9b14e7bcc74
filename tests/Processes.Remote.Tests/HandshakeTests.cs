using System.Linq;
using System.Threading.Tasks;
using Processes.Serialization;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>The connect-time handshake: what the hello carries, and the proof a client without a secret sends before it.</summary>
public sealed class HandshakeTests(SharedWorker shared)
{
    [Fact]
    public async Task A_worker_with_a_secret_sends_a_fresh_random_nonce_per_connection()
    {
        await using var first = await RawConnection.OpenAsync(shared.Worker.PipeName, SharedWorker.Secret, handshake: false).Within();
        await using var second = await RawConnection.OpenAsync(shared.Worker.PipeName, SharedWorker.Secret, handshake: false).Within();

        var (firstRequired, firstNonce) = ReadHello((await first.ReadFrameAsync().Within())!);
        var (secondRequired, secondNonce) = ReadHello((await second.ReadFrameAsync().Within())!);

        Assert.True(firstRequired && secondRequired);
        Assert.Equal(32, firstNonce.Length);
        Assert.NotEqual(firstNonce, secondNonce);
        Assert.Contains(firstNonce, value => value != 0);
    }

    [Fact]
    public async Task A_worker_without_a_secret_sends_a_zero_nonce_and_takes_a_proof_sent_before_its_hello()
    {
        await using var worker = await WorkerProcess.StartAsync().Within();
        await using var raw = await RawConnection.OpenAsync(worker.PipeName, secret: null, handshake: false).Within();

        // What ProcessClient does without a secret: the empty proof at once, then hello and welcome.
        using (var writer = new ProcessWriter())
        {
            writer.WriteBytes(null);
            await raw.SendAsync(RawConnection.Frame(RawConnection.Version, RawConnection.Proof, 0, 0, writer.WrittenSpan)).Within();
        }

        var (required, nonce) = ReadHello((await raw.ReadFrameAsync().Within())!);
        Assert.False(required);
        Assert.True(nonce.All(value => value == 0));
        Assert.Equal(RawConnection.Welcome, (await raw.ReadFrameAsync().Within())!.Type);

        await using var client = await worker.ConnectAsync().Within();
        Assert.Equal(49, (await client.RunAsync(new RemoteSquare { X = 7 }).Within()).Result);
    }

    private static (bool Required, byte[] Nonce) ReadHello(RawConnection.RawFrame hello)
    {
        Assert.Equal(RawConnection.Hello, hello.Type);
        var reader = new ProcessReader(hello.Payload);
        return (reader.ReadBoolean(), reader.ReadBytes()!);
    }
}
