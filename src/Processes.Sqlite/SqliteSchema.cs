using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Processes.Sqlite;

/// <summary>
/// The database layout of <see cref="SqliteCheckpointStore"/>, the per-connection settings, and the
/// check (and, in later versions, migration) every open runs. The version lives in the
/// <c>schema_version</c> table, so a later SDK can tell which layout a file has and migrate it.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The layout this SDK writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The <c>schema_version</c> row that marks a file as ours.</summary>
    public const string Component = "processes.checkpoints";

    /// <summary>The layout, version 1. Times are UTC ticks plus the offset in minutes, so <c>SavedAt</c> round-trips with its offset.</summary>
    private const string CreateVersion1 = """
        -- The latest checkpoint of each process. data is the last column, so listing (which never
        -- asks for it) never reads a blob's overflow pages.
        CREATE TABLE checkpoints (
            id TEXT NOT NULL PRIMARY KEY,
            process_name TEXT NOT NULL,
            state INTEGER NOT NULL,
            paused INTEGER NOT NULL,
            parent_id TEXT NULL,
            saved_at_ticks INTEGER NOT NULL,
            saved_at_offset_minutes INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            tags BLOB NOT NULL,
            data BLOB NOT NULL);
        CREATE INDEX checkpoints_by_saved_at ON checkpoints (saved_at_ticks, id);
        CREATE INDEX checkpoints_by_state ON checkpoints (state, saved_at_ticks, id);
        CREATE INDEX checkpoints_by_process_name ON checkpoints (process_name, saved_at_ticks, id);
        CREATE INDEX checkpoints_by_parent ON checkpoints (parent_id, saved_at_ticks, id);

        -- One row per tag of each latest checkpoint, for tag queries.
        CREATE TABLE tags (
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (id, position));
        CREATE INDEX tags_by_tag ON tags (tag, id);

        -- The earlier checkpoints of each process (the latest stays in checkpoints only).
        CREATE TABLE history (
            id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            process_name TEXT NOT NULL,
            state INTEGER NOT NULL,
            paused INTEGER NOT NULL,
            parent_id TEXT NULL,
            saved_at_ticks INTEGER NOT NULL,
            saved_at_offset_minutes INTEGER NOT NULL,
            tags BLOB NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (id, sequence));

        CREATE TABLE leases (
            id TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            token INTEGER NOT NULL,
            expires_at_ticks INTEGER NOT NULL);

        -- Store-wide counters. lease_token is the last fencing token granted; it only grows, so
        -- tokens grow per process even across a delete.
        CREATE TABLE counters (
            name TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL);
        INSERT INTO counters (name, value) VALUES ('lease_token', 0);
        """;

    /// <summary>The connection string of a store's file: created when missing, pooled, with the provider's busy retry.</summary>
    public static string ConnectionString(string path, TimeSpan busyTimeout) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        // The provider retries a busy statement for this many seconds (0 would mean forever);
        // SQLite's own busy handler (busy_timeout, in milliseconds) waits inside each try.
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
    }.ToString();

    /// <summary>Opens a connection and applies <paramref name="pragmas"/> (see <see cref="ConnectionPragmas"/>); disposes it when either fails.</summary>
    public static async ValueTask<SqliteConnection> OpenConnectionAsync(string connectionString, string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Settings each connection needs (they are not stored in the file). synchronous=FULL: in WAL
    /// mode NORMAL syncs only at WAL checkpoints, so a power loss could undo the last committed
    /// saves; a runtime that was told a checkpoint is saved moves on (and may release the lease),
    /// so every commit must reach the disk before SaveAsync returns. busy_timeout makes a
    /// connection wait for another writer (this or another OS process) instead of failing at once.
    /// </summary>
    public static string ConnectionPragmas(TimeSpan busyTimeout) =>
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds};");

    /// <summary>
    /// Creates the layout in a fresh file or checks the version of an existing one, in one
    /// transaction (see <see cref="SqliteSchemaVersion.BeginAsync"/>).
    /// </summary>
    public static async ValueTask EnsureAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        await using var transaction = await SqliteSchemaVersion.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var version = await ReadVersionAsync(connection, path, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = CreateVersion1;
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqliteSchemaVersion.WriteAsync(connection, Component, CurrentVersion, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            SqliteSchemaVersion.ThrowIfNewer(path, "the checkpoint database", version.Value, CurrentVersion);
        }

        // Versions older than CurrentVersion are migrated here, step by step, in this transaction.
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    // Null for an empty database; throws for a database that holds somebody else's tables.
    private static async ValueTask<long?> ReadVersionAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        var (version, tables) = await SqliteSchemaVersion.ReadAsync(connection, Component, cancellationToken).ConfigureAwait(false);
        if (!tables.Contains("schema_version"))
        {
            return tables.Count == 0
                ? null
                : throw Foreign(path, "it is a SQLite database with other tables and no Processes schema_version table");
        }

        return version ?? throw Foreign(path, $"its schema_version table has no '{Component}' row");
    }

    private static CheckpointCorruptedException Foreign(string path, string reason) =>
        new(path, CheckpointCorruptionKind.InvalidContent, "not a Processes checkpoint database: " + reason);

    /// <summary>True for the errors that mean the file itself is damaged or not a database (never for busy or I/O errors, which are retried).</summary>
    public static bool IsDamage(SqliteException error) => error.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt;

    /// <summary>The typed error for a damaged file, naming it.</summary>
    public static CheckpointCorruptedException Damaged(string path, SqliteException error) =>
        error.SqliteErrorCode == SqliteNotADatabase
            ? new(path, CheckpointCorruptionKind.BadMagic, "the file is not a SQLite database: " + error.Message, error)
            : new(path, CheckpointCorruptionKind.InvalidContent, "the SQLite database is damaged: " + error.Message, error);

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
}
