using System;

namespace Processes;

/// <summary>
/// Retries of a failed checkpoint save (a full disk, a network share that blinked, a database
/// restarting). A store failure is never a process failure: once the attempts are spent the
/// process is detached, not excepted, and its last good checkpoint stays continuable.
/// </summary>
public sealed record CheckpointSaveRetry
{
    /// <summary>Five attempts, 50 ms apart at first, doubling up to 2 seconds (about 3.5 s in all).</summary>
    public static CheckpointSaveRetry Default { get; } = new();

    /// <summary>One attempt: the first failure detaches the process.</summary>
    public static CheckpointSaveRetry None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included (at least 1).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait after the first failure.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Each wait is the previous one times this (at least 1).</summary>
    public double BackoffFactor { get; init; } = 2;

    /// <summary>No wait is longer than this.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after attempt <paramref name="attempt"/> (1-based) failed.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(Math.Max(BackoffFactor, 1), Math.Max(attempt - 1, 0));
        var ticks = Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }
}
