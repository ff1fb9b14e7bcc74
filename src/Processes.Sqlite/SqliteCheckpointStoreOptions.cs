using System;

namespace Processes.Sqlite;

/// <summary>How a <see cref="SqliteCheckpointStore"/> keeps history, expires leases and purges old checkpoints.</summary>
public sealed record SqliteCheckpointStoreOptions
{
    /// <summary>
    /// How many checkpoints of each process are kept, the latest included (default 10). 0 or 1
    /// keeps the latest only. Older ones are trimmed by the save that makes them surplus.
    /// </summary>
    public int HistoryLength { get; init; } = 10;

    /// <summary>
    /// When set, checkpoints of terminated processes (<see cref="ProcessState.Finished"/>,
    /// <see cref="ProcessState.Excepted"/>, <see cref="ProcessState.Killed"/>) saved longer ago
    /// than this are purged automatically, with their history, tags and leases: when the store
    /// opens, and then by the first save after every <see cref="RetentionCheckInterval"/>.
    /// Null (the default) keeps them until they are deleted.
    /// </summary>
    public TimeSpan? FinishedRetention { get; init; }

    /// <summary>How often saves check for checkpoints past <see cref="FinishedRetention"/> (default 5 minutes).</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an operation waits for another connection (of this or another OS process) to
    /// finish writing before it fails with a busy error (default 30 seconds).
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock that lease expiry and retention are measured with; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(HistoryLength, nameof(HistoryLength));
        if (FinishedRetention is { } retention && retention < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FinishedRetention), retention, "The retention must not be negative.");
        }

        if (RetentionCheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetentionCheckInterval), RetentionCheckInterval, "The retention check interval must be positive.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "The busy timeout must be between zero and about 24 days.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
