using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Remote;
using Processes.Remote.Protocol;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Remote;

/// <summary>
/// The frame channel's buffered reads and queued writes: frames come out whole however the bytes
/// arrive, each in a buffer of its own; frames written while another write is under way go out
/// in order in one write; a failed write fails what is queued behind it.
/// </summary>
public sealed class FrameChannelTests
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4_096)]
    [InlineData(100_000)]
    public async Task Frames_arrive_whole_however_the_bytes_are_split_and_stay_intact_after_later_reads(int largestChunk)
    {
        // Sizes around the 16 KiB read buffer, so frames are assembled from pieces, taken from
        // one fill several at a time, and read straight into their own buffers.
        int[] sizes = [0, 5, 300, 16_370, 16_373, 16_400, 70_000, 2, 40_000, 1];
        var payloads = sizes.Select((size, i) => Bytes(size, seed: i)).ToArray();
        var random = new Random(largestChunk);
        var stream = new ScriptedStream(Concat(payloads.Select((payload, i) => FrameBytes(FrameType.Result, correlationId: i + 1, payload))))
        {
            NextChunk = _ => random.Next(1, largestChunk + 1),
        };
        var channel = new FrameChannel(stream, FrameFormat.DefaultMaxFrameBytes, FrameTimeout);

        // Keep every frame until all are read: none may share a buffer a later read overwrites.
        var frames = new List<Frame>();
        while (await channel.ReadAsync(default) is { } frame)
        {
            frames.Add(frame);
        }

        Assert.Equal(payloads.Length, frames.Count);
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal((FrameType.Result, i + 1L), (frames[i].Type, frames[i].CorrelationId));
            Assert.Equal(payloads[i], frames[i].Payload.ToArray());
            frames[i].Dispose();
        }
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_frame_is_a_protocol_error()
    {
        var bytes = FrameBytes(FrameType.Result, 1, Bytes(500, seed: 1));
        var channel = new FrameChannel(new ScriptedStream(bytes[..^10]) { NextChunk = _ => 100 }, FrameFormat.DefaultMaxFrameBytes, FrameTimeout);

        var error = await Assert.ThrowsAsync<RemoteProtocolException>(async () => await channel.ReadAsync(default));

        Assert.Contains("in the middle of a frame", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_started_frame_that_stalls_fails_after_the_frame_timeout()
    {
        var bytes = FrameBytes(FrameType.Result, 1, Bytes(500, seed: 1));
        var channel = new FrameChannel(new ScriptedStream(bytes[..50]) { HangAtEnd = true }, FrameFormat.DefaultMaxFrameBytes, TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RemoteProtocolException>(async () => await channel.ReadAsync(default)).WaitAsync(FrameTimeout);

        Assert.Contains("not completed within", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_length_over_the_maximum_is_refused_when_its_prefix_arrives()
    {
        var channel = new FrameChannel(new ScriptedStream(FrameBytes(FrameType.Proof, 0, new byte[4_096])), FrameFormat.DefaultMaxFrameBytes, FrameTimeout);

        await Assert.ThrowsAsync<RemoteProtocolException>(async () => await channel.ReadAsync(FrameFormat.MaxHandshakeFrameBytes, default));
    }

    [Fact]
    public async Task Frames_queued_during_a_write_go_out_after_it_in_order_in_one_write()
    {
        var firstWriteMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new ScriptedStream([]) { BeforeWrite = index => index == 0 ? firstWriteMayEnd.Task : Task.CompletedTask };
        var channel = new FrameChannel(stream, FrameFormat.DefaultMaxFrameBytes, FrameTimeout);
        var payloads = Enumerable.Range(0, 5).Select(i => Bytes(100 + i, seed: i)).ToArray();

        var first = channel.WriteAsync(Frame(1, payloads[0])).AsTask();
        var queued = payloads.Skip(1).Select((payload, i) => channel.WriteAsync(Frame(i + 2, payload)).AsTask()).ToArray();
        Assert.False(first.IsCompleted);
        Assert.All(queued, write => Assert.False(write.IsCompleted));

        firstWriteMayEnd.SetResult();
        await Task.WhenAll([first, .. queued]).WaitAsync(FrameTimeout);

        Assert.Equal(2, stream.Writes.Count);
        Assert.Equal(FrameBytes(FrameType.Result, 1, payloads[0]), stream.Writes[0]);
        Assert.Equal(Concat(payloads.Skip(1).Select((payload, i) => FrameBytes(FrameType.Result, i + 2, payload))), stream.Writes[1]);
    }

    [Fact]
    public async Task A_failed_write_fails_the_frames_queued_behind_it_and_every_later_one()
    {
        var firstWriteFails = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new ScriptedStream([]) { BeforeWrite = _ => firstWriteFails.Task };
        var channel = new FrameChannel(stream, FrameFormat.DefaultMaxFrameBytes, FrameTimeout);

        var first = channel.WriteAsync(Frame(1, [1])).AsTask();
        var queued = channel.WriteAsync(Frame(2, [2])).AsTask();
        firstWriteFails.SetException(new IOException("broken pipe"));

        await Assert.ThrowsAsync<IOException>(() => first).WaitAsync(FrameTimeout);
        await Assert.ThrowsAsync<IOException>(() => queued).WaitAsync(FrameTimeout);
        await Assert.ThrowsAsync<IOException>(async () => await channel.WriteAsync(Frame(3, [3])));
        Assert.Single(stream.Writes);
    }

    [Fact]
    public async Task A_frame_over_the_maximum_is_refused_before_it_is_queued()
    {
        var stream = new ScriptedStream([]);
        var channel = new FrameChannel(stream, FrameFormat.MinimumMaxFrameBytes, FrameTimeout);

        await Assert.ThrowsAsync<RemoteProtocolException>(async () => await channel.WriteAsync(Frame(1, new byte[FrameFormat.MinimumMaxFrameBytes])));
        await channel.WriteAsync(Frame(2, [2]));

        Assert.Equal(FrameBytes(FrameType.Result, 2, [2]), Assert.Single(stream.Writes));
    }

    private static ProcessWriter Frame(long correlationId, byte[] payload)
    {
        var writer = new ProcessWriter();
        var mark = FrameFormat.Begin(writer, FrameType.Result, FrameFlags.None, correlationId);
        writer.WriteRaw(payload);
        FrameFormat.End(writer, mark);
        return writer;
    }

    private static byte[] FrameBytes(FrameType type, long correlationId, byte[] payload)
    {
        using var writer = new ProcessWriter();
        var mark = FrameFormat.Begin(writer, type, FrameFlags.None, correlationId);
        writer.WriteRaw(payload);
        FrameFormat.End(writer, mark);
        return writer.ToArray();
    }

    private static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(part => part).ToArray();

    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
