using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>A malformed frame closes the connection that sent it, with a protocol error; everyone else is served on.</summary>
public sealed class MalformedFrameTests(SharedWorker shared)
{
    private WorkerProcess Worker => shared.Worker;

    public static TheoryData<string> Cases => new(["random bytes", "oversized length", "negative length", "length below the header", "wrong version", "unknown frame type", "unknown flags", "reply type from a client", "reserved correlation id", "truncated payload", "trailing payload bytes", "duplicate correlation id"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_frame_closes_only_that_connection_with_a_protocol_error(string kind)
    {
        await using var bystander = await Worker.ConnectAsync().Within();
        await using var raw = await RawConnection.OpenAsync(Worker.PipeName, SharedWorker.Secret).Within();

        await raw.SendAsync(Bad(kind));
        var farewell = await raw.ReadUntilClosedAsync().Within();

        Assert.NotNull(farewell);
        Assert.Equal(RawConnection.Error, farewell.Type);
        Assert.Equal(0, farewell.CorrelationId);
        Assert.Equal(RawConnection.ProtocolErrorCode, farewell.Payload[0]);
        Assert.Equal(25, (await bystander.RunAsync(new RemoteSquare { X = 5 }).Within()).Result);
        await using var newcomer = await Worker.ConnectAsync().Within();
        Assert.Equal(36, (await newcomer.RunAsync(new RemoteSquare { X = 6 }).Within()).Result);
    }

    [Fact]
    public async Task A_frame_truncated_by_a_closing_client_is_logged_and_the_worker_serves_on()
    {
        var before = Worker.CountLogLines("malformed frame");
        await using (var raw = await RawConnection.OpenAsync(Worker.PipeName, SharedWorker.Secret).Within())
        {
            var frame = RawConnection.StatusRequest(1, ProcessId.New());
            await raw.SendAsync(frame.AsSpan(0, frame.Length - 5).ToArray());
        }

        await TestKit.Until(() => Task.FromResult(Worker.CountLogLines("malformed frame")), count => count > before);
        await using var client = await Worker.ConnectAsync().Within();
        Assert.Equal(49, (await client.RunAsync(new RemoteSquare { X = 7 }).Within()).Result);
    }

    [Fact]
    public async Task Garbage_instead_of_the_proof_closes_the_connection()
    {
        await using var raw = await RawConnection.OpenAsync(Worker.PipeName, secret: null, handshake: false).Within();
        Assert.Equal(RawConnection.Hello, (await raw.ReadFrameAsync().Within())!.Type);

        await raw.SendAsync([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);

        var farewell = await raw.ReadUntilClosedAsync().Within();
        Assert.Equal(RawConnection.Error, farewell?.Type);
        await using var client = await Worker.ConnectAsync().Within();
        Assert.Equal(4, (await client.RunAsync(new RemoteSquare { X = 2 }).Within()).Result);
    }

    [Fact]
    public async Task A_large_frame_before_authentication_is_refused_before_any_buffer_is_allocated()
    {
        await using var raw = await RawConnection.OpenAsync(Worker.PipeName, secret: null, handshake: false).Within();
        Assert.Equal(RawConnection.Hello, (await raw.ReadFrameAsync().Within())!.Type);

        await raw.SendAsync(RawConnection.Frame(RawConnection.Version, RawConnection.Proof, 0, 0, new byte[4096]));

        var farewell = await raw.ReadUntilClosedAsync().Within();
        Assert.Equal(RawConnection.Error, farewell?.Type);
        Assert.Equal(RawConnection.ProtocolErrorCode, farewell!.Payload[0]);
    }

    [Fact]
    public async Task A_well_formed_raw_request_is_answered_on_its_correlation_id()
    {
        await using var raw = await RawConnection.OpenAsync(Worker.PipeName, SharedWorker.Secret).Within();

        await raw.SendAsync(RawConnection.StatusRequest(77, ProcessId.New()));
        var reply = await raw.ReadFrameAsync().Within();

        Assert.Equal(RawConnection.Error, reply!.Type);
        Assert.Equal(77, reply.CorrelationId);
    }

    private static byte[] Bad(string kind)
    {
        var valid = RawConnection.StatusRequest(5, ProcessId.New());
        switch (kind)
        {
            case "random bytes":
                var random = new byte[64];
                new Random(42).NextBytes(random);
                BinaryPrimitives.WriteInt32LittleEndian(random, 60);
                random[4] = 0xEE;
                return random;
            case "oversized length":
                BinaryPrimitives.WriteInt32LittleEndian(valid, int.MaxValue);
                return valid;
            case "negative length":
                BinaryPrimitives.WriteInt32LittleEndian(valid, -20);
                return valid;
            case "length below the header":
                return [3, 0, 0, 0, 1, 16, 0];
            case "wrong version":
                valid[4] = 9;
                return valid;
            case "unknown frame type":
                valid[5] = 200;
                return valid;
            case "unknown flags":
                valid[6] = 0x80;
                return valid;
            case "reply type from a client":
                valid[5] = RawConnection.Result;
                return valid;
            case "reserved correlation id":
                return RawConnection.StatusRequest(0, ProcessId.New());
            case "truncated payload":
                return RawConnection.Frame(RawConnection.Version, RawConnection.Status, 0, 9, [1, 2, 3]);
            case "trailing payload bytes":
                var payload = new byte[20];
                return RawConnection.Frame(RawConnection.Version, RawConnection.Status, 0, 9, payload);
            case "duplicate correlation id":
                // A launch that hangs keeps id 3 in flight; a second call on id 3 breaks the protocol.
                using (var writer = new Processes.Serialization.ProcessWriter())
                {
                    writer.WriteString(TestKit.DescriptorOf<RemoteSquare>().Name);
                    using var inputs = new Processes.Serialization.ProcessWriter();
                    TestKit.DescriptorOf<RemoteSquare>().WriteInputs(new RemoteSquare { X = 1, DelayMs = 2000 }, inputs);
                    writer.WriteBytes(inputs.ToArray());
                    writer.WriteBoolean(false);
                    writer.WriteBoolean(false);
                    writer.WriteInt32(0);
                    var launch = RawConnection.Frame(RawConnection.Version, RawConnection.Launch, 4, 3, writer.WrittenSpan);
                    var again = RawConnection.StatusRequest(3, ProcessId.New());
                    return [.. launch, .. again];
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
