using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// How the client matches the worker's replies to its calls (pooled reply objects read straight
/// from the read buffer), against a scripted worker that answers with crafted frames: in any
/// order, after the caller gave up, malformed, as errors, or not at all.
/// </summary>
public sealed class ClientReplyTests
{
    [Fact]
    public async Task Replies_out_of_order_reach_their_own_callers()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        var calls = Enumerable.Range(1, 4).Select(x => worker.Client.RunAsync(new RemoteSquare { X = x }).AsTask()).ToArray();
        var requests = new (long Id, int X)[calls.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = await worker.ReadSquareRunAsync();
        }

        // The last two together (one read), then the first two one by one, each in reverse.
        await worker.ReplyTogetherAsync((requests[3].Id, await ScriptedWorker.SquareResultAsync(requests[3].X)), (requests[2].Id, await ScriptedWorker.SquareResultAsync(requests[2].X)));
        await worker.ReplyAsync(requests[1].Id, await ScriptedWorker.SquareResultAsync(requests[1].X));
        await worker.ReplyAsync(requests[0].Id, await ScriptedWorker.SquareResultAsync(requests[0].X));

        var squares = await Task.WhenAll(calls).Within();
        Assert.Equal([1, 2, 3, 4], squares.Select(square => square.X));
        Assert.Equal([1L, 4, 9, 16], squares.Select(square => square.Result));
    }

    [Fact]
    public async Task A_reply_after_the_caller_cancelled_is_dropped_and_the_next_calls_get_their_own_results()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        for (var round = 0; round < 20; round++)
        {
            using var cancel = new CancellationTokenSource();
            var given = worker.Client.RunAsync(new RemoteSquare { X = 1000 + round }, cancel.Token).AsTask();
            var (givenId, givenX) = await worker.ReadSquareRunAsync();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => given.Within());
            using (var cancelFrame = await worker.ReadAsync())
            {
                Assert.Equal((FrameType.Cancel, givenId), (cancelFrame.Type, cancelFrame.CorrelationId));
            }

            // The next call may reuse the cancelled call's pooled object; the late reply must not reach it.
            var next = worker.Client.RunAsync(new RemoteSquare { X = round }, CancellationToken.None).AsTask();
            var (nextId, nextX) = await worker.ReadSquareRunAsync();
            await worker.ReplyTogetherAsync((givenId, await ScriptedWorker.SquareResultAsync(givenX)), (nextId, await ScriptedWorker.SquareResultAsync(nextX)));
            var square = await next.Within();
            Assert.Equal((round, (long)round * round), (square.X, square.Result));
        }
    }

    [Fact]
    public async Task Losing_the_connection_fails_every_waiting_call_once_with_RemoteProcessException()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        using var cancel = new CancellationTokenSource();
        var calls = Enumerable.Range(1, 6)
            .Select(x => worker.Client.RunAsync(new RemoteSquare { X = x }, x % 2 == 0 ? cancel.Token : CancellationToken.None).AsTask())
            .ToArray();
        for (var i = 0; i < calls.Length; i++)
        {
            await worker.ReadSquareRunAsync();
        }

        await worker.DropAsync();
        foreach (var call in calls)
        {
            var failed = await Assert.ThrowsAsync<RemoteProcessException>(() => call.Within());
            Assert.Contains("closed the connection", failed.Message, StringComparison.Ordinal);
        }

        // Cancelling afterwards changes nothing (each call ended once), and new calls fail typed at once.
        await cancel.CancelAsync();
        Assert.All(calls, call => Assert.IsType<RemoteProcessException>(call.Exception!.InnerException));
        Assert.False(worker.Client.IsConnected);
        await Assert.ThrowsAsync<RemoteProcessException>(async () => await worker.Client.RunAsync(new RemoteSquare { X = 7 }).Within());
    }

    [Fact]
    public async Task Pooled_reply_objects_reused_by_many_calls_never_leak_one_calls_outputs_into_another()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        for (var x = 0; x < 200; x++)
        {
            var call = worker.Client.RunAsync(new RemoteSquare { X = x }).AsTask();
            var (id, sentX) = await worker.ReadSquareRunAsync();
            Assert.Equal(x, sentX);
            await worker.ReplyAsync(id, await ScriptedWorker.SquareResultAsync(sentX));
            var square = await call.Within();
            Assert.Equal((x, (long)x * x), (square.X, square.Result));
        }

        // Batches in flight at once, answered in one write in reverse order.
        for (var batch = 0; batch < 10; batch++)
        {
            var calls = Enumerable.Range(batch * 8, 8).Select(x => worker.Client.RunAsync(new RemoteSquare { X = x }).AsTask()).ToArray();
            var replies = new (long Id, byte[] Payload)[calls.Length];
            for (var i = 0; i < calls.Length; i++)
            {
                var (id, x) = await worker.ReadSquareRunAsync();
                replies[calls.Length - 1 - i] = (id, await ScriptedWorker.SquareResultAsync(x));
            }

            await worker.ReplyTogetherAsync(replies);
            var squares = await Task.WhenAll(calls).Within();
            Assert.All(squares, square => Assert.Equal((long)square.X * square.X, square.Result));
            Assert.Equal(Enumerable.Range(batch * 8, 8), squares.Select(square => square.X));
        }
    }

    [Fact]
    public async Task A_malformed_result_fails_that_call_with_RemoteProtocolException_naming_the_reply_and_the_connection_goes_on()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        var malformed = worker.Client.RunAsync(new RemoteSquare { X = 2 }).AsTask();
        var (malformedId, _) = await worker.ReadSquareRunAsync();
        var truncated = worker.Client.RunAsync(new RemoteSquare { X = 3 }).AsTask();
        var (truncatedId, truncatedX) = await worker.ReadSquareRunAsync();
        var whole = await ScriptedWorker.SquareResultAsync(truncatedX);
        await worker.ReplyTogetherAsync((malformedId, [1, 2, 3]), (truncatedId, whole[..^2]));

        var failed = await Assert.ThrowsAsync<RemoteProtocolException>(() => malformed.Within());
        Assert.Contains($"The worker's {TestKit.DescriptorOf<RemoteSquare>().Name} result is malformed", failed.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RemoteProtocolException>(() => truncated.Within());

        Assert.True(worker.Client.IsConnected);
        var next = worker.Client.RunAsync(new RemoteSquare { X = 5 }).AsTask();
        var (nextId, nextX) = await worker.ReadSquareRunAsync();
        await worker.ReplyAsync(nextId, await ScriptedWorker.SquareResultAsync(nextX));
        Assert.Equal(25, (await next.Within()).Result);
    }

    [Fact]
    public async Task A_result_for_another_process_type_fails_that_call_with_InvalidOperationException()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        var call = worker.Client.RunAsync(new RemoteSquare { X = 2 }).AsTask();
        var (id, _) = await worker.ReadSquareRunAsync();
        using var writer = new Serialization.ProcessWriter();
        WireCodec.WriteStatus(writer, new ProcessStatus { Id = ProcessId.New(), Name = "tests.something-else", State = ProcessState.Finished, Paused = false, CreatedAt = DateTimeOffset.UtcNow });
        writer.WriteBoolean(false);
        writer.WriteBytes([]);
        await worker.ReplyAsync(id, writer.ToArray());

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => call.Within());
        Assert.Contains("tests.something-else", failed.Message, StringComparison.Ordinal);
        Assert.True(worker.Client.IsConnected);
    }

    [Fact]
    public async Task An_error_reply_fails_its_call_with_the_typed_exception_and_leaves_the_others_waiting()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        var failing = worker.Client.RunAsync(new RemoteSquare { X = 2 }).AsTask();
        var (failingId, _) = await worker.ReadSquareRunAsync();
        var waiting = worker.Client.RunAsync(new RemoteSquare { X = 4 }).AsTask();
        var (waitingId, waitingX) = await worker.ReadSquareRunAsync();

        await worker.ReplyErrorAsync(failingId, new ProcessNotRunningException(ProcessId.New(), "tests.remote-square"));
        await Assert.ThrowsAsync<ProcessNotRunningException>(() => failing.Within());
        Assert.False(waiting.IsCompleted);

        await worker.ReplyAsync(waitingId, await ScriptedWorker.SquareResultAsync(waitingX));
        Assert.Equal(16, (await waiting.Within()).Result);
    }

    [Fact]
    public async Task A_reply_for_a_call_never_made_is_dropped()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        await worker.ReplyAsync(999_999, await ScriptedWorker.SquareResultAsync(9));
        var call = worker.Client.RunAsync(new RemoteSquare { X = 6 }).AsTask();
        var (id, x) = await worker.ReadSquareRunAsync();
        await worker.ReplyAsync(id, await ScriptedWorker.SquareResultAsync(x));
        Assert.Equal(36, (await call.Within()).Result);
    }

    [Fact]
    public async Task A_frame_that_is_no_reply_ends_the_connection_with_RemoteProtocolException_for_every_waiting_call()
    {
        await using var worker = await ScriptedWorker.StartAsync();
        var calls = Enumerable.Range(1, 3).Select(x => worker.Client.RunAsync(new RemoteSquare { X = x }).AsTask()).ToArray();
        var (id, x) = await worker.ReadSquareRunAsync();
        await worker.ReplyTogetherAsync((id, await ScriptedWorker.SquareResultAsync(x)));
        await worker.SendRawAsync(FrameType.Launch, 5);

        Assert.Equal(1, (await calls[0].Within()).Result);
        foreach (var call in calls[1..])
        {
            var failed = await Assert.ThrowsAsync<RemoteProtocolException>(() => call.Within());
            Assert.Contains($"frame type {(byte)FrameType.Launch}", failed.Message, StringComparison.Ordinal);
        }
    }
}
