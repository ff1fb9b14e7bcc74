using System;
using System.IO.Pipes;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Remote.Protocol;
using Processes.Serialization;
using Processes.TestProcesses;

namespace Processes.Remote.Tests;

/// <summary>
/// A fake worker on a real pipe that answers as the test scripts it, with crafted frames: replies
/// in any order, late, malformed, or not at all (then the connection is dropped). It speaks the
/// handshake of a worker without a secret and features, then hands the test each request.
/// </summary>
internal sealed class ScriptedWorker : IAsyncDisposable
{
    private readonly NamedPipeServerStream _server;
    private readonly FrameChannel _channel;

    private ScriptedWorker(NamedPipeServerStream server)
    {
        _server = server;
        _channel = new FrameChannel(server, FrameFormat.DefaultMaxFrameBytes, TimeSpan.FromSeconds(10));
    }

    public string PipeName { get; private init; } = "";

    /// <summary>The connected client.</summary>
    public ProcessClient Client { get; private set; } = null!;

    /// <summary>Starts the fake worker, connects a client to it and completes the handshake.</summary>
    public static async Task<ScriptedWorker> StartAsync()
    {
        var pipeName = WorkerProcess.NewPipeName();
        var server = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
        var worker = new ScriptedWorker(server) { PipeName = pipeName };
        var accepted = server.WaitForConnectionAsync();
        var connecting = ProcessClient.ConnectAsync(pipeName, new ProcessClientOptions { ConnectTimeout = WorkerProcess.Timeout });
        await accepted.WaitAsync(WorkerProcess.Timeout);
        await worker._channel.SendAsync(FrameType.Hello, FrameFlags.None, 0, writer => Handshake.WriteHello(writer, proofRequired: false, Handshake.UnusedNonce));
        using (var proof = await worker.ReadAsync())
        {
            if (proof.Type != FrameType.Proof)
            {
                throw new InvalidOperationException($"Expected a proof, got {proof.Type}.");
            }
        }

        await worker._channel.SendAsync(FrameType.Welcome, FrameFlags.None, 0, writer => writer.WriteByte((byte)WorkerFeatures.None));
        worker.Client = await connecting.WaitAsync(WorkerProcess.Timeout);
        return worker;
    }

    /// <summary>The next frame the client sent (the caller disposes it).</summary>
    public async Task<Frame> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(WorkerProcess.Timeout);
        return await _channel.ReadAsync(timeout.Token) ?? throw new InvalidOperationException("The client closed the connection.");
    }

    /// <summary>The next request, which must be a run of <see cref="RemoteSquare"/>: its correlation id and its X.</summary>
    public async Task<(long Id, int X)> ReadSquareRunAsync()
    {
        using var frame = await ReadAsync();
        if (frame.Type != FrameType.Launch || (frame.Flags & FrameFlags.WaitForOutputs) == 0)
        {
            throw new InvalidOperationException($"Expected a run, got {frame.Type} ({frame.Flags}).");
        }

        var reader = new ProcessReader(frame.Payload);
        var name = reader.ReadString();
        if (name != TestKit.DescriptorOf<RemoteSquare>().Name)
        {
            throw new InvalidOperationException($"Expected a run of RemoteSquare, got {name}.");
        }

        var inputs = reader.ReadLengthPrefixed();
        return (frame.CorrelationId, TestKit.DescriptorOf<RemoteSquare>().ReadInputs(ref inputs).X);
    }

    /// <summary>A run's result payload for <see cref="RemoteSquare"/> of <paramref name="x"/> (outputs as a real run wrote them).</summary>
    public static async Task<byte[]> SquareResultAsync(int x)
    {
        var descriptor = TestKit.DescriptorOf<RemoteSquare>();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        var square = await runtime.RunAsync(new RemoteSquare { X = x });
        using var writer = new ProcessWriter();
        WireCodec.WriteStatus(writer, new ProcessStatus { Id = ProcessId.New(), Name = descriptor.Name, State = ProcessState.Finished, Paused = false, CreatedAt = DateTimeOffset.UtcNow });
        writer.WriteBoolean(false);
        var outputs = writer.BeginLengthPrefixed();
        descriptor.WriteOutputs(square, writer);
        writer.EndLengthPrefixed(outputs);
        return writer.ToArray();
    }

    /// <summary>Sends a result frame with <paramref name="payload"/> for call <paramref name="id"/>.</summary>
    public Task ReplyAsync(long id, byte[] payload) => _channel.SendAsync(FrameType.Result, FrameFlags.None, id, writer => writer.WriteRaw(payload)).AsTask();

    /// <summary>Sends result frames for several calls in one write, so the client reads them in one read (all but the first where they lie in its buffer).</summary>
    public Task ReplyTogetherAsync(params (long Id, byte[] Payload)[] replies)
    {
        for (var i = 0; i < replies.Length - 1; i++)
        {
            var payload = replies[i].Payload;
            _channel.Post(FrameType.Result, FrameFlags.None, replies[i].Id, writer => writer.WriteRaw(payload));
        }

        return ReplyAsync(replies[^1].Id, replies[^1].Payload);
    }

    /// <summary>Sends an error frame with <paramref name="error"/> for call <paramref name="id"/>.</summary>
    public Task ReplyErrorAsync(long id, Exception error) => _channel.SendAsync(FrameType.Error, FrameFlags.None, id, writer => RemoteErrors.Write(writer, error)).AsTask();

    /// <summary>Sends an empty frame of any type (one the client does not expect, say).</summary>
    public Task SendRawAsync(FrameType type, long id) => _channel.SendAsync(type, FrameFlags.None, id, null).AsTask();

    /// <summary>Closes the pipe: the client loses the connection.</summary>
    public ValueTask DropAsync() => _channel.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        await _channel.DisposeAsync();
        await _server.DisposeAsync();
    }
}
