using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// What the client's zero-copy paths must keep: a run returns a new instance and never changes
/// the caller's; every reply, small or larger than any buffer, reaches its own call intact while
/// many calls share the connection; a reply's pooled buffer is never reused before it was read.
/// </summary>
public sealed class PayloadTests(SharedWorker shared) : IAsyncLifetime
{
    private ProcessClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await shared.Worker.ConnectAsync().Within();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task Run_returns_a_new_instance_and_leaves_the_callers_instance_unchanged()
    {
        var sent = new RemoteSquare { X = 12 };

        var square = await _client.RunAsync(sent).Within();

        Assert.NotSame(sent, square);
        Assert.Equal((12, 144L), (square.X, square.Result));
        Assert.Equal((12, 0L), (sent.X, sent.Result));
    }

    [Fact]
    public async Task One_instance_run_many_times_at_once_gets_a_new_result_each_time_and_is_never_changed()
    {
        var payload = Bytes(300, seed: 1);
        var sent = new RemoteEcho { Payload = payload };

        var echoes = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => _client.RunAsync(sent).AsTask())).Within();

        Assert.Equal(32, echoes.Distinct().Count());
        Assert.All(echoes, echo => Assert.NotSame(sent, echo));
        Assert.All(echoes, echo => Assert.Equal(RemoteEcho.Expected(payload), echo.Reversed));
        Assert.Empty(sent.Reversed);
        Assert.Equal(Bytes(300, seed: 1), sent.Payload);
    }

    [Fact]
    public async Task Replies_of_every_size_reach_their_own_calls_intact_with_many_calls_in_flight()
    {
        // Around and far beyond the channel's 16 KiB read and write buffers, mixed so small frames
        // are coalesced and buffered while large ones are read straight into their own buffers.
        int[] sizes = [0, 1, 200, 4_000, 16_370, 16_384, 16_400, 40_000, 100_000, 300_000];
        var payloads = Enumerable.Range(0, 60).Select(i => Bytes(sizes[i % sizes.Length], seed: 100 + i)).ToArray();

        var echoes = await Task.WhenAll(payloads.Select(payload => _client.RunAsync(new RemoteEcho { Payload = payload }).AsTask())).Within();

        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(payloads[i], echoes[i].Payload);
            Assert.Equal(RemoteEcho.Expected(payloads[i]), echoes[i].Reversed);
        }
    }

    [Fact]
    public async Task Thousands_of_concurrent_calls_keep_every_reply_intact_after_all_have_completed()
    {
        // Each reply is read from a pooled buffer that goes back to the pool once read: were one
        // returned (and reused by the next reply) before its call read it, some result below would
        // hold another call's bytes. The results are checked only after every call has finished.
        const int Calls = 2_000, InFlight = 64;
        var payloads = Enumerable.Range(0, Calls).Select(i => Bytes(64 + (i % 7 * 97), seed: 10_000 + i)).ToArray();
        var echoes = new RemoteEcho[Calls];
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
        {
            for (var i = System.Threading.Interlocked.Increment(ref next); i < Calls; i = System.Threading.Interlocked.Increment(ref next))
            {
                echoes[i] = await _client.RunAsync(new RemoteEcho { Payload = payloads[i] });
            }
        })).Within();

        for (var i = 0; i < Calls; i++)
        {
            Assert.Equal(RemoteEcho.Expected(payloads[i]), echoes[i].Reversed);
        }
    }

    [Fact]
    public async Task A_request_that_arrives_in_pieces_and_two_requests_in_one_write_are_all_answered()
    {
        await using var raw = await RawConnection.OpenAsync(shared.Worker.PipeName, SharedWorker.Secret).Within();

        // One request a few bytes at a time: the worker waits for the rest of a started frame.
        var piecemeal = RawConnection.StatusRequest(31, ProcessId.New());
        for (var offset = 0; offset < piecemeal.Length; offset += 3)
        {
            await raw.SendAsync(piecemeal[offset..Math.Min(offset + 3, piecemeal.Length)]);
            await Task.Delay(5);
        }

        Assert.Equal(31, (await raw.ReadFrameAsync().Within())!.CorrelationId);

        // Two whole requests in one write: both are read from the one buffer fill.
        await raw.SendAsync([.. RawConnection.StatusRequest(32, ProcessId.New()), .. RawConnection.StatusRequest(33, ProcessId.New())]);
        var answered = new[] { (await raw.ReadFrameAsync().Within())!.CorrelationId, (await raw.ReadFrameAsync().Within())!.CorrelationId };

        Assert.Equal([32L, 33L], answered.Order());
    }

    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
