using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>Configures a <see cref="ProcessWorker"/>.</summary>
public sealed record ProcessWorkerOptions
{
    /// <summary>The pipe name clients connect to (on Unix a socket in the temp folder; keep it short).</summary>
    public required string PipeName { get; init; }

    /// <summary>
    /// A secret clients must prove they know at connect (HMAC-SHA256 challenge–response), or null
    /// to accept any client that can open the pipe. Use at least 32 random bytes.
    /// </summary>
    public byte[]? SharedSecret { get; init; }

    /// <summary>
    /// Restrict the pipe to the user running the worker (<see cref="System.IO.Pipes.PipeOptions.CurrentUserOnly"/>).
    /// On by default; turn it off only when another account must connect, and then set a <see cref="SharedSecret"/>.
    /// </summary>
    public bool CurrentUserOnly { get; init; } = true;

    /// <summary>The largest frame accepted or sent, in bytes (16 MiB by default). Larger frames close the connection.</summary>
    public int MaxFrameBytes { get; init; } = FrameFormat.DefaultMaxFrameBytes;

    /// <summary>How many authenticated clients may be connected at once; more are refused with <see cref="RemoteWorkerBusyException"/>.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>
    /// How many connections may be in the connect handshake at once, apart from
    /// <see cref="MaxConnections"/>. When one more arrives, the one that has waited longest is
    /// dropped (it gets <see cref="RemoteWorkerBusyException"/>): a peer that keeps connecting
    /// without completing the handshake cannot keep out clients that can.
    /// </summary>
    public int MaxPendingHandshakes { get; init; } = 8;

    /// <summary>How many calls one connection may have in flight; more are answered with an error.</summary>
    public int MaxConcurrentCallsPerConnection { get; init; } = 1024;

    /// <summary>How long a client has to complete the connect handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the rest of a frame may take to arrive once its first byte has.</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a process launched or continued through the worker stays answerable by id after
    /// it terminates (a top-level task stores no checkpoint, so this is how a late waiter gets its outputs).
    /// </summary>
    public TimeSpan TerminatedRetention { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Logging (refusals and malformed frames are logged as warnings). Defaults to none.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>What the worker announces in its Welcome (all it understands); tests lower it to play an older worker.</summary>
    internal Protocol.WorkerFeatures Features { get; init; } = Protocol.WorkerFeatures.All;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(PipeName);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameBytes, FrameFormat.MinimumMaxFrameBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingHandshakes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentCallsPerConnection, 1);
        if (SharedSecret is { Length: 0 })
        {
            throw new ArgumentException("An empty shared secret proves nothing; pass null for no secret.", nameof(SharedSecret));
        }
    }
}
