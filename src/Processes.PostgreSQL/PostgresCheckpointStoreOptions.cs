using System;
using System.Text.RegularExpressions;

namespace Processes.PostgreSQL;

/// <summary>
/// Where a <see cref="PostgresCheckpointStore"/> keeps its tables, how it keeps history, expires
/// leases, purges old checkpoints and retries transient failures. The server, database and
/// credentials come from the connection string passed to <see cref="PostgresCheckpointStore.OpenAsync"/>.
/// </summary>
public sealed partial record PostgresCheckpointStoreOptions
{
    /// <summary>
    /// The longest <see cref="TablePrefix"/> (32): the longest name it prefixes
    /// (<c>checkpoints_by_process_name</c>) must stay within PostgreSQL's 63-byte limit.
    /// </summary>
    public const int MaxTablePrefixLength = 32;

    /// <summary>
    /// The PostgreSQL schema that holds the tables (default <c>processes</c>); created when missing.
    /// Lowercase letters, digits and underscores, starting with a letter or underscore, at most 63 characters.
    /// </summary>
    public string Schema { get; init; } = "processes";

    /// <summary>
    /// Prepended to every table, index and sequence name (default empty), so that several
    /// applications can keep separate stores in one schema. The same characters as
    /// <see cref="Schema"/>, at most <see cref="MaxTablePrefixLength"/> of them.
    /// </summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>
    /// How many checkpoints of each process are kept, the latest included (default 10). 0 or 1
    /// keeps the latest only. Older ones are trimmed by the save that makes them surplus.
    /// </summary>
    public int HistoryLength { get; init; } = 10;

    /// <summary>
    /// When set, checkpoints of terminated processes (<see cref="ProcessState.Finished"/>,
    /// <see cref="ProcessState.Excepted"/>, <see cref="ProcessState.Killed"/>) saved longer ago
    /// than this are purged automatically, with their history and leases: when the store
    /// opens, and then by the first save after every <see cref="RetentionCheckInterval"/>.
    /// Null (the default) keeps them until they are deleted.
    /// </summary>
    public TimeSpan? FinishedRetention { get; init; }

    /// <summary>How often saves check for checkpoints past <see cref="FinishedRetention"/> (default 5 minutes).</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many times an operation that failed with a transient error (the server unreachable or
    /// restarting, a dropped connection, a deadlock or serialization failure) is tried again
    /// before <see cref="PostgresCheckpointStoreException"/> is thrown (default 2). Saves, reads
    /// and lease operations are safe to repeat and are always tried again; deletes and purges only
    /// when the failure came before their commit was sent, so nothing was written.
    /// </summary>
    public int TransientRetries { get; init; } = 2;

    /// <summary>The wait before the first retry of a transient failure, doubled before each further one (default 200 ms).</summary>
    public TimeSpan TransientRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock that lease expiry and retention are measured with; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Schema, nameof(Schema));
        ArgumentNullException.ThrowIfNull(TablePrefix, nameof(TablePrefix));
        if (Schema.Length is 0 or > 63 || !Identifier().IsMatch(Schema))
        {
            throw new ArgumentException(
                $"The schema name '{Schema}' is not valid: use 1 to 63 lowercase letters, digits and underscores, starting with a letter or underscore.", nameof(Schema));
        }

        if (TablePrefix.Length > MaxTablePrefixLength || (TablePrefix.Length > 0 && !Identifier().IsMatch(TablePrefix)))
        {
            throw new ArgumentException(
                $"The table prefix '{TablePrefix}' is not valid: use at most {MaxTablePrefixLength} lowercase letters, digits and underscores, starting with a letter or underscore.", nameof(TablePrefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(HistoryLength, nameof(HistoryLength));
        if (FinishedRetention is { } retention && retention < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FinishedRetention), retention, "The retention must not be negative.");
        }

        if (RetentionCheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetentionCheckInterval), RetentionCheckInterval, "The retention check interval must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(TransientRetries, nameof(TransientRetries));
        if (TransientRetryDelay < TimeSpan.Zero || TransientRetryDelay > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(TransientRetryDelay), TransientRetryDelay, "The retry delay must be between zero and one minute.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
