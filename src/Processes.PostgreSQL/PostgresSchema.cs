using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Processes.PostgreSQL;

/// <summary>
/// The database layout of <see cref="PostgresCheckpointStore"/> and <see cref="PostgresSharedStateStore"/>
/// and the check and migration every open runs. Each component's version is a row of the
/// <c>schema_version</c> table; each entry of <see cref="Migrations"/> (checkpoints) or
/// <see cref="SharedStateMigrations"/> (shared states) takes its layout one version further, so a
/// database of any older version is brought up to date step by step, in one transaction. The
/// shared-state tables are a component of their own, so opening a shared-state store never
/// changes the checkpoint tables' version, and SDKs that predate shared states keep opening them.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The layout this SDK writes and reads: the last of <see cref="Migrations"/>.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>The <c>schema_version</c> row that marks the tables as ours.</summary>
    public const string Component = "processes.checkpoints";

    /// <summary>The shared-state layout this SDK writes and reads: the last of <see cref="SharedStateMigrations"/>.</summary>
    public static int SharedStatesCurrentVersion => SharedStateMigrations.Length;

    /// <summary>The <c>schema_version</c> row of the shared-state tables.</summary>
    public const string SharedStatesComponent = "processes.shared-states";

    // The first key of the advisory lock that serializes opens (the second is the hash of the schema name).
    private const int AdvisoryLockClass = 0x50524353; // "PRCS"

    /// <summary>The first key of the advisory lock that serializes the saves of one id (see <see cref="PostgresTables.LockIdForSave"/>).</summary>
    public const int SaveLockClass = AdvisoryLockClass + 1;

    /// <summary>The first key of the advisory lock that serializes the saves of one shared state (see <see cref="PostgresSharedStateTables.LockStateForSave"/>).</summary>
    public const int SharedStateSaveLockClass = AdvisoryLockClass + 2;

    /// <summary>Migration n creates version n from version n − 1 (version 0: nothing there).</summary>
    private static readonly Func<PostgresTables, string>[] Migrations =
    {
        CreateVersion1,
    };

    /// <summary>Shared-state migration n creates version n from version n − 1 (version 0: no shared-state tables).</summary>
    private static readonly Func<PostgresTables, string>[] SharedStateMigrations =
    {
        CreateSharedStatesVersion1,
    };

    /// <summary>
    /// Shared states, version 1: the latest version of each state (name and key) with its data,
    /// the earlier versions (trimmed by each save to the store's history length), and the
    /// ownership leases, whose fencing tokens come from the store-wide <c>lease_tokens</c>
    /// sequence. Times are UTC ticks plus the offset in minutes, as for checkpoints.
    /// </summary>
    private static string CreateSharedStatesVersion1(PostgresTables t) => $"""
        CREATE TABLE {t.SharedStates} (
            state_name text NOT NULL,
            key text NOT NULL,
            version bigint NOT NULL,
            writer text NULL,
            updated_at_ticks bigint NOT NULL,
            updated_at_offset_minutes integer NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (state_name, key));

        CREATE TABLE {t.SharedStateHistory} (
            state_name text NOT NULL,
            key text NOT NULL,
            version bigint NOT NULL,
            writer text NULL,
            updated_at_ticks bigint NOT NULL,
            updated_at_offset_minutes integer NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (state_name, key, version));

        CREATE TABLE {t.SharedStateLeases} (
            state_name text NOT NULL,
            key text NOT NULL,
            owner text NOT NULL,
            token bigint NOT NULL,
            expires_at_ticks bigint NOT NULL,
            PRIMARY KEY (state_name, key));
        """;

    /// <summary>
    /// Version 1. Ids are <c>uuid</c> (their order is <see cref="Guid"/>'s order); times are UTC
    /// ticks plus the offset in minutes, so <c>SavedAt</c> round-trips exactly (timestamptz keeps
    /// microseconds only); tags are an ordered <c>text[]</c> with a GIN index for tag queries,
    /// without GIN's pending list (see <see cref="TagIndexWithoutPendingList"/>).
    /// </summary>
    private static string CreateVersion1(PostgresTables t) => $"""
        CREATE TABLE {t.SchemaVersion} (
            component text NOT NULL PRIMARY KEY,
            version integer NOT NULL);

        CREATE TABLE {t.Checkpoints} (
            id uuid NOT NULL PRIMARY KEY,
            process_name text NOT NULL,
            state smallint NOT NULL,
            paused boolean NOT NULL,
            parent_id uuid NULL,
            saved_at_ticks bigint NOT NULL,
            saved_at_offset_minutes integer NOT NULL,
            sequence bigint NOT NULL,
            tags text[] NOT NULL,
            data bytea NOT NULL);
        CREATE INDEX {t.Name("checkpoints_by_saved_at")} ON {t.Checkpoints} (saved_at_ticks, id);
        CREATE INDEX {t.Name("checkpoints_by_state")} ON {t.Checkpoints} (state, saved_at_ticks, id);
        CREATE INDEX {t.Name("checkpoints_by_process_name")} ON {t.Checkpoints} (process_name, saved_at_ticks, id);
        CREATE INDEX {t.Name("checkpoints_by_parent")} ON {t.Checkpoints} (parent_id, saved_at_ticks, id);
        CREATE INDEX {t.Name("checkpoints_by_tag")} ON {t.Checkpoints} USING gin (tags) WITH (fastupdate = off);

        CREATE TABLE {t.History} (
            id uuid NOT NULL,
            sequence bigint NOT NULL,
            process_name text NOT NULL,
            state smallint NOT NULL,
            paused boolean NOT NULL,
            parent_id uuid NULL,
            saved_at_ticks bigint NOT NULL,
            saved_at_offset_minutes integer NOT NULL,
            tags text[] NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (id, sequence));

        CREATE TABLE {t.Leases} (
            id uuid NOT NULL PRIMARY KEY,
            owner text NOT NULL,
            token bigint NOT NULL,
            expires_at_ticks bigint NOT NULL);

        -- Fencing tokens: one store-wide sequence, so a process's tokens grow across release and delete.
        CREATE SEQUENCE {t.LeaseTokens} AS bigint;
        """;

    /// <summary>
    /// Creates the schema and the tables in an empty database, migrates older versions and checks
    /// the version of an existing layout, in one transaction under an advisory lock on the schema
    /// name, so stores opening at once (in any number of processes, with any prefixes) create the
    /// schema and each layout, and migrate, exactly once.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="tables">The store's table names.</param>
    /// <param name="endpoint">The store's endpoint, for messages.</param>
    /// <param name="withSharedStates">Also create, migrate or check the shared-state tables (a <see cref="PostgresSharedStateStore"/> opening).</param>
    /// <param name="refuse">The opening store's typed exception for a database it cannot use, from its endpoint and the reason.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    public static async ValueTask EnsureAsync(
        NpgsqlConnection connection, PostgresTables tables, string endpoint, bool withSharedStates, Func<string, string, Exception> refuse, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        bool schemaExists;
        // The lock first, then (in a statement of its own, so its snapshot is taken once the lock
        // is held) what the schema holds. One round trip.
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var lockOpen = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))");
            lockOpen.Parameters.Add(new NpgsqlParameter<int> { TypedValue = AdvisoryLockClass });
            // Keyed by the schema alone: stores with different prefixes may both be creating it.
            lockOpen.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tables.Schema });
            batch.BatchCommands.Add(lockOpen);
            var inspect = new NpgsqlBatchCommand("SELECT current_setting('server_encoding'), EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1)");
            inspect.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tables.Schema });
            batch.BatchCommands.Add(inspect);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var encoding = reader.GetString(0);
            schemaExists = reader.GetBoolean(1);
            if (!string.Equals(encoding, "UTF8", StringComparison.OrdinalIgnoreCase))
            {
                throw refuse(endpoint,
                    $"the database's encoding is {encoding}; the store needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8') to keep every name and tag exactly");
            }
        }

        var version = await ReadVersionAsync(connection, transaction, tables, endpoint, cancellationToken).ConfigureAwait(false);
        PostgresSchemaVersion.ThrowIfNewer(endpoint, "the checkpoint tables", version, CurrentVersion);
        if (version < CurrentVersion)
        {
            if (!schemaExists)
            {
                // Only when missing: creating a schema needs the CREATE privilege on the database, using one does not.
                await ExecuteAsync(connection, transaction, $"CREATE SCHEMA \"{tables.Schema}\"", cancellationToken).ConfigureAwait(false);
            }

            await PostgresSchemaVersion.MigrateAsync(connection, transaction, tables, Component, version, Migrations, cancellationToken).ConfigureAwait(false);
        }

        else
        {
            await EnsureTagIndexWithoutPendingListAsync(connection, transaction, tables, cancellationToken).ConfigureAwait(false);
        }

        if (withSharedStates)
        {
            await EnsureSharedStatesAsync(connection, transaction, tables, endpoint, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Under the open's lock, once the checkpoint component is current (so <c>schema_version</c>
    /// exists): brings the shared-state tables to <see cref="SharedStatesCurrentVersion"/>, or
    /// refuses a newer layout without touching it.
    /// </summary>
    private static async ValueTask EnsureSharedStatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresTables tables, string endpoint, CancellationToken cancellationToken)
    {
        var version = await PostgresSchemaVersion.ReadAsync(connection, transaction, tables, SharedStatesComponent, cancellationToken).ConfigureAwait(false) ?? 0;
        PostgresSchemaVersion.ThrowIfNewer(endpoint,
            $"the shared-state tables ({tables.SharedStates}, {tables.SharedStateHistory}, {tables.SharedStateLeases})", version, SharedStatesCurrentVersion);
        if (version < SharedStatesCurrentVersion)
        {
            await PostgresSchemaVersion.MigrateAsync(connection, transaction, tables, SharedStatesComponent, version, SharedStateMigrations, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The tag index's storage option. With GIN's default <c>fastupdate = on</c>, new rows wait
    /// in a pending list that every tag query scans linearly until a vacuum merges it: after
    /// 10,000 saves a list by tag took 0.7 ms instead of 0.1 ms (store-scale, docs/performance.md).
    /// Checkpoints carry few tags, so updating the index at once costs their saves little.
    /// </summary>
    private const string TagIndexWithoutPendingList = "fastupdate=off";

    /// <summary>
    /// Turns GIN's pending list off on a tag index created by an earlier build of this version
    /// (a storage option, not a layout change, so no version step: older SDKs keep reading the
    /// tables). Only when it is still on, so a role that may use but not alter the tables can open them.
    /// </summary>
    private static async ValueTask EnsureTagIndexWithoutPendingListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresTables tables, CancellationToken cancellationToken)
    {
        await using var options = new NpgsqlCommand(
            "SELECT coalesce(c.reloptions, '{}') FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
            connection, transaction);
        options.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tables.Schema });
        options.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tables.Prefix + "checkpoints_by_tag" });
        if (await options.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string[] current
            || Array.IndexOf(current, TagIndexWithoutPendingList) >= 0)
        {
            return;
        }

        await ExecuteAsync(connection, transaction, $"ALTER INDEX \"{tables.Schema}\".{tables.Name("checkpoints_by_tag")} SET (fastupdate = off)", cancellationToken).ConfigureAwait(false);
    }

    // 0 when none of our objects exist; throws when some exist without a version row of ours.
    private static async ValueTask<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresTables tables, string endpoint, CancellationToken cancellationToken)
    {
        await using var existing = new NpgsqlCommand(
            "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = ANY($2)",
            connection, transaction);
        existing.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tables.Schema });
        existing.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables.OwnNames() });
        var found = new System.Collections.Generic.List<string>();
        await using (var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(reader.GetString(0));
            }
        }

        if (found.Count == 0)
        {
            return 0;
        }

        if (!found.Contains(tables.Prefix + "schema_version"))
        {
            throw Foreign(endpoint, $"the schema holds {string.Join(", ", found)} but no {tables.Prefix}schema_version table (choose another Schema or TablePrefix)");
        }

        return await PostgresSchemaVersion.ReadAsync(connection, transaction, tables, Component, cancellationToken).ConfigureAwait(false)
            ?? throw Foreign(endpoint, $"its {tables.Prefix}schema_version table has no '{Component}' row");
    }

    internal static async ValueTask ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        // Several statements without parameters: sent as one simple-protocol query.
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static CheckpointCorruptedException Foreign(string endpoint, string reason) =>
        new(endpoint, CheckpointCorruptionKind.InvalidContent, "not a Processes checkpoint store: " + reason);
}
