using System;
using Processes.Remote.Protocol;

namespace Processes.Remote;

/// <summary>Configures a <see cref="ProcessClient"/> connection.</summary>
public sealed record ProcessClientOptions
{
    /// <summary>The worker's shared secret, when it requires one (see <see cref="ProcessWorkerOptions.SharedSecret"/>).</summary>
    public byte[]? SharedSecret { get; init; }

    /// <summary>Only connect to a pipe created by the current user (<see cref="System.IO.Pipes.PipeOptions.CurrentUserOnly"/>). On by default.</summary>
    public bool CurrentUserOnly { get; init; } = true;

    /// <summary>How long to wait for the pipe and the handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest frame accepted or sent, in bytes (16 MiB by default).</summary>
    public int MaxFrameBytes { get; init; } = FrameFormat.DefaultMaxFrameBytes;

    /// <summary>How long the rest of a frame may take to arrive once its first byte has.</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameBytes, FrameFormat.MinimumMaxFrameBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
    }
}
