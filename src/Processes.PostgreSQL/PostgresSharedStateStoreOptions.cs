using System;

namespace Processes.PostgreSQL;

/// <summary>
/// Where a <see cref="PostgresSharedStateStore"/> keeps its tables, how many earlier versions of
/// each state it keeps, and how it retries transient failures. The server, database and
/// credentials come from the connection string passed to <see cref="PostgresSharedStateStore.OpenAsync"/>.
/// </summary>
public sealed record PostgresSharedStateStoreOptions
{
    /// <summary>
    /// The PostgreSQL schema that holds the tables (default <c>processes</c>); created when missing.
    /// The rules of <see cref="PostgresCheckpointStoreOptions.Schema"/>; a checkpoint store and a
    /// shared-state store with the same schema and prefix share one <c>schema_version</c> table and
    /// one fencing-token sequence.
    /// </summary>
    public string Schema { get; init; } = "processes";

    /// <summary>Prepended to every table, index and sequence name (default empty); the rules of <see cref="PostgresCheckpointStoreOptions.TablePrefix"/>.</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>
    /// How many versions of each state are kept, the latest included (default 10), readable with
    /// <see cref="PostgresSharedStateStore.LoadVersionAsync"/>. 0 or 1 keeps the latest only. Older
    /// ones are trimmed by the save that makes them surplus.
    /// </summary>
    public int HistoryLength { get; init; } = 10;

    /// <summary>
    /// How many times an operation that failed with a transient error is tried again before
    /// <see cref="PostgresSharedStateStoreException"/> is thrown (default 2). Every operation is
    /// safe to repeat: a save repeated after its commit was lost finds its own version stored and
    /// succeeds.
    /// </summary>
    public int TransientRetries { get; init; } = 2;

    /// <summary>The wait before the first retry of a transient failure, doubled before each further one (default 200 ms).</summary>
    public TimeSpan TransientRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock that lease expiry is measured with; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    // The checkpoint store's options state the rules once; these options have the same names.
    internal void Validate() => new PostgresCheckpointStoreOptions
    {
        Schema = Schema,
        TablePrefix = TablePrefix,
        HistoryLength = HistoryLength,
        TransientRetries = TransientRetries,
        TransientRetryDelay = TransientRetryDelay,
        TimeProvider = TimeProvider,
    }.Validate();
}
