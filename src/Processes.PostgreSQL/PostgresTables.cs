using System.Globalization;
using System.Linq;

namespace Processes.PostgreSQL;

/// <summary>
/// The quoted, schema-qualified names of one store's tables (<see cref="PostgresCheckpointStoreOptions.Schema"/>
/// plus <see cref="PostgresCheckpointStoreOptions.TablePrefix"/>) and the statements over them,
/// built once per store. Names are validated identifiers and every value is a positional
/// parameter, so no caller data is ever spliced into SQL.
/// </summary>
internal sealed class PostgresTables
{
    /// <summary>The description columns of a checkpoints or history row, in the order <see cref="PostgresRows.ReadInfo"/> reads them; data is never among them.</summary>
    public const string InfoColumns = "id, process_name, state, paused, tags, saved_at_ticks, saved_at_offset_minutes, parent_id, sequence";

    // Finished, Excepted, Killed: the states PurgeAsync deletes.
    private static readonly string TerminalStates = string.Create(
        CultureInfo.InvariantCulture, $"state IN ({(int)ProcessState.Finished}, {(int)ProcessState.Excepted}, {(int)ProcessState.Killed})");

    public PostgresTables(string schema, string prefix)
    {
        Schema = schema;
        Prefix = prefix;
        SchemaVersion = Qualified("schema_version");
        Checkpoints = Qualified("checkpoints");
        History = Qualified("history");
        Leases = Qualified("leases");
        LeaseTokens = Qualified("lease_tokens");
        SharedStates = Qualified("shared_states");
        SharedStateHistory = Qualified("shared_state_history");
        SharedStateLeases = Qualified("shared_state_leases");
        LockIdForSave = string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({PostgresSchema.SaveLockClass}, hashtext($1))");
        LockRowForSave = $"SELECT 1 FROM {Checkpoints} WHERE id = $1 FOR UPDATE";
        Load = $"SELECT {InfoColumns}, data FROM {Checkpoints} WHERE id = $1";
        Delete = $"""
            WITH doomed AS (DELETE FROM {Checkpoints} WHERE id = $1 RETURNING id),
            old AS (DELETE FROM {History} WHERE id = $1),
            lease AS (DELETE FROM {Leases} WHERE id = $1)
            SELECT count(*) FROM doomed
            """;
        DeleteByTag = DeleteWhere("tags @> ARRAY[$1]::text[]");
        Purge = DeleteWhere($"{TerminalStates} AND saved_at_ticks < $1");
        ListHistory = $"""
            SELECT {InfoColumns} FROM {Checkpoints} WHERE id = $1
            UNION ALL
            SELECT {InfoColumns} FROM {History} WHERE id = $1
            ORDER BY sequence DESC
            """;
        LoadHistory = $"""
            SELECT {InfoColumns}, data FROM {Checkpoints} WHERE id = $1 AND sequence = $2
            UNION ALL
            SELECT {InfoColumns}, data FROM {History} WHERE id = $1 AND sequence = $2
            LIMIT 1
            """;
        Acquire = $"""
            INSERT INTO {Leases} AS current (id, owner, token, expires_at_ticks)
            VALUES ($1, $2, nextval('{Schema}.{Prefix}lease_tokens'), $3)
            ON CONFLICT (id) DO UPDATE SET
                token = CASE WHEN current.owner = excluded.owner THEN current.token ELSE greatest(excluded.token, current.token + 1) END,
                owner = excluded.owner,
                expires_at_ticks = excluded.expires_at_ticks
            WHERE current.owner = excluded.owner OR current.expires_at_ticks <= $4 OR current.token = $5
            RETURNING owner, token, expires_at_ticks
            """;
        Renew = $"UPDATE {Leases} SET expires_at_ticks = $3 WHERE id = $1 AND token = $2 RETURNING owner";
        Release = $"DELETE FROM {Leases} WHERE id = $1 AND token = $2";
        GetLease = $"SELECT owner, token, expires_at_ticks FROM {Leases} WHERE id = $1";
        SaveFenced = BuildSave(fenced: true);
        SaveUnfenced = BuildSave(fenced: false);
    }

    public string Schema { get; }

    public string Prefix { get; }

    public string SchemaVersion { get; }

    public string Checkpoints { get; }

    public string History { get; }

    public string Leases { get; }

    public string LeaseTokens { get; }

    /// <summary>The latest version of each shared state (see <see cref="PostgresSharedStateTables"/>).</summary>
    public string SharedStates { get; }

    /// <summary>The earlier versions of each shared state, bounded per state.</summary>
    public string SharedStateHistory { get; }

    /// <summary>The ownership leases of shared states.</summary>
    public string SharedStateLeases { get; }

    /// <summary>An object name within the schema (an index, a sequence), quoted and prefixed.</summary>
    public string Name(string name) => $"\"{Prefix}{name}\"";

    /// <summary>The unqualified names of every table and sequence the store creates, for the "is this ours" check.</summary>
    public string[] OwnNames() => new[] { "schema_version", "checkpoints", "history", "leases", "lease_tokens", "shared_states", "shared_state_history", "shared_state_leases" }.Select(name => Prefix + name).ToArray();

    // ---- checkpoints ----

    /// <summary>
    /// Statement 1 of a save: a transaction-scoped advisory lock on $1 = <see cref="SaveLockKey"/>,
    /// so that saves of one id (its first save included, when no row exists to lock yet) run one
    /// after the other and each sees the previous one's row when it moves it into history.
    /// </summary>
    public string LockIdForSave { get; }

    /// <summary>
    /// Statement 2 of a save: the id's latest row, locked before the lease row (as delete and purge
    /// lock them), so a save and a delete of one id never wait for each other in opposite orders.
    /// </summary>
    public string LockRowForSave { get; }

    /// <summary>The text whose hash keys the save lock of <paramref name="id"/>: the store's tables and the id, so other stores in the database do not contend.</summary>
    public string SaveLockKey(ProcessId id) => string.Create(CultureInfo.InvariantCulture, $"{Schema}.{Prefix}:{id.Value:D}");

    /// <summary>Statement 3 of a fenced save (see <see cref="BuildSave"/>).</summary>
    public string SaveFenced { get; }

    /// <summary>Statement 3 of an unfenced save (see <see cref="BuildSave"/>).</summary>
    public string SaveUnfenced { get; }

    /// <summary>
    /// Statement 3 of a save, one statement: when the fence holds, copies the previous latest into
    /// history, writes the new latest with the next sequence number and trims history to
    /// $10 − 1 rows; returns the new sequence number, or no row when the fence refused the save.
    /// Parameters: $1 id, $2 process name, $3 state, $4 paused, $5 parent id, $6 saved-at ticks,
    /// $7 offset minutes, $8 tags, $9 data, $10 history length, and for the fenced form $11 token.
    /// All sub-statements see the same snapshot, so the history copy reads the row as it was before
    /// this statement's upsert.
    /// The trim's lower bound (the id's oldest history row) changes no result, but it keeps a save's
    /// cost flat however often the id is saved between vacuums: the rows earlier trims deleted stay
    /// in the table and its primary key until vacuum, and a plain range scan up to the bound visits
    /// every one of them again on every save (a bitmap scan, which never marks index entries dead),
    /// while <c>min(sequence)</c> is an index-only scan that marks each deleted row's entry dead the
    /// first time it passes it and skips it afterwards; the range then holds the rows to delete only.
    /// </summary>
    private string BuildSave(bool fenced)
    {
        // The fence: the lease row must carry exactly the saver's token. FOR SHARE keeps a concurrent
        // grant (an UPDATE of that row) from committing until this transaction ends, and a grant
        // that committed first makes the re-checked condition false.
        var fence = fenced ? $"fence AS (SELECT 1 FROM {Leases} WHERE id = $1 AND token = $11 FOR SHARE)," : "";
        var allowed = fenced ? "EXISTS (SELECT 1 FROM fence)" : "TRUE";
        return $"""
            WITH {fence}
            moved AS (
                INSERT INTO {History} (id, sequence, process_name, state, paused, parent_id, saved_at_ticks, saved_at_offset_minutes, tags, data)
                SELECT id, sequence, process_name, state, paused, parent_id, saved_at_ticks, saved_at_offset_minutes, tags, data
                FROM {Checkpoints} WHERE id = $1 AND $10 > 1 AND {allowed}
                ON CONFLICT (id, sequence) DO NOTHING),
            saved AS (
                INSERT INTO {Checkpoints} AS latest (id, process_name, state, paused, parent_id, saved_at_ticks, saved_at_offset_minutes, sequence, tags, data)
                SELECT $1, $2, $3, $4, $5, $6, $7, 1, $8, $9 WHERE {allowed}
                ON CONFLICT (id) DO UPDATE SET
                    process_name = excluded.process_name, state = excluded.state, paused = excluded.paused,
                    parent_id = excluded.parent_id, saved_at_ticks = excluded.saved_at_ticks,
                    saved_at_offset_minutes = excluded.saved_at_offset_minutes, sequence = latest.sequence + 1,
                    tags = excluded.tags, data = excluded.data
                RETURNING sequence),
            trimmed AS (
                DELETE FROM {History} WHERE id = $1 AND sequence <= (SELECT sequence FROM saved) - greatest($10, 1)
                    AND sequence >= (SELECT min(sequence) FROM {History} WHERE id = $1))
            SELECT sequence FROM saved
            """;
    }

    public string Load { get; }

    /// <summary>Deletes $1's latest row first (its row lock comes before the lease's, as in a save), then its history and lease; returns 1 when it had a checkpoint.</summary>
    public string Delete { get; }

    /// <summary>Deletes the processes whose latest checkpoint carries tag $1, with their history and leases; returns how many.</summary>
    public string DeleteByTag { get; }

    /// <summary>Deletes terminated processes saved before the ticks $1, with their history and leases; returns how many.</summary>
    public string Purge { get; }

    private string DeleteWhere(string condition) => $"""
        WITH doomed AS (DELETE FROM {Checkpoints} WHERE {condition} RETURNING id),
        old AS (DELETE FROM {History} WHERE id IN (SELECT id FROM doomed)),
        lease AS (DELETE FROM {Leases} WHERE id IN (SELECT id FROM doomed))
        SELECT count(*) FROM doomed
        """;

    // ---- history ----

    public string ListHistory { get; }

    public string LoadHistory { get; }

    // ---- leases ----

    /// <summary>
    /// The grant, one conditional upsert: $1 id, $2 owner, $3 expiry ticks, $4 now ticks, $5 the
    /// token of the lease to take over (or null). Written only when the process has no lease, its
    /// lease expired, the owner already holds it (token kept) or $5 names it exactly; a new holder
    /// gets the next value of the store's token sequence (never smaller than the old token + 1).
    /// Returns the stored lease, or no row when another owner holds it.
    /// </summary>
    public string Acquire { get; }

    /// <summary>$1 id, $2 token, $3 new expiry ticks; returns the owner, or no row when the token is no longer current.</summary>
    public string Renew { get; }

    public string Release { get; }

    public string GetLease { get; }

    private string Qualified(string name) => $"\"{Schema}\".\"{Prefix}{name}\"";
}
