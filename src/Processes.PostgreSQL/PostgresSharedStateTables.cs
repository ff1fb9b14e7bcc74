using System.Globalization;

namespace Processes.PostgreSQL;

/// <summary>
/// The statements of <see cref="PostgresSharedStateStore"/> over its tables (see
/// <see cref="PostgresSchema"/>), built once per store. Each decision (a save's version and lease
/// fence, a lease grant) is one statement the database evaluates on the locked row, so it holds
/// whichever client, process or machine sends it. Every value is a positional parameter.
/// </summary>
internal sealed class PostgresSharedStateTables
{
    public PostgresSharedStateTables(PostgresTables tables)
    {
        Tables = tables;
        LockStateForSave = string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({PostgresSchema.SharedStateSaveLockClass}, hashtext($1))");
        Load = $"SELECT version, writer, updated_at_ticks, updated_at_offset_minutes, data FROM {tables.SharedStates} WHERE state_name = $1 AND key = $2";
        LoadVersion = $"""
            SELECT version, writer, updated_at_ticks, updated_at_offset_minutes, data FROM {tables.SharedStates} WHERE state_name = $1 AND key = $2 AND version = $3
            UNION ALL
            SELECT version, writer, updated_at_ticks, updated_at_offset_minutes, data FROM {tables.SharedStateHistory} WHERE state_name = $1 AND key = $2 AND version = $3
            LIMIT 1
            """;
        SaveFenced = BuildSave(fenced: true);
        SaveUnfenced = BuildSave(fenced: false);
        Acquire = $"""
            INSERT INTO {tables.SharedStateLeases} AS current (state_name, key, owner, token, expires_at_ticks)
            VALUES ($1, $2, $3, nextval('{tables.Schema}.{tables.Prefix}lease_tokens'), $4)
            ON CONFLICT (state_name, key) DO UPDATE SET
                token = CASE WHEN current.owner = excluded.owner THEN current.token ELSE greatest(excluded.token, current.token + 1) END,
                owner = excluded.owner,
                expires_at_ticks = excluded.expires_at_ticks
            WHERE current.owner = excluded.owner OR current.expires_at_ticks <= $5
            RETURNING owner, token, expires_at_ticks
            """;
        Release = $"DELETE FROM {tables.SharedStateLeases} WHERE state_name = $1 AND key = $2 AND token = $3";
        GetLease = $"SELECT owner, token, expires_at_ticks FROM {tables.SharedStateLeases} WHERE state_name = $1 AND key = $2";
    }

    public PostgresTables Tables { get; }

    /// <summary>
    /// Statement 1 of a save: a transaction-scoped advisory lock on $1 = <see cref="SaveLockKey"/>,
    /// so that saves of one state (its first included, when no row exists to lock yet) run one
    /// after the other, and the save statement, whose snapshot is taken once the lock is held,
    /// sees the previous save's row.
    /// </summary>
    public string LockStateForSave { get; }

    /// <summary>The text whose hash keys the save lock of a state: the store's tables, the name and the key (a collision only makes two states' saves wait for each other).</summary>
    public string SaveLockKey(string stateName, string key) => $"{Tables.Schema}.{Tables.Prefix}:{stateName}\n{key}";

    /// <summary>$1 name, $2 key: the latest version's row (version, writer, ticks, offset, data), or none.</summary>
    public string Load { get; }

    /// <summary>$1 name, $2 key, $3 version: that version's row, latest or kept in history, or none.</summary>
    public string LoadVersion { get; }

    /// <summary>The save with a lease fence (see <see cref="BuildSave"/>); $9 is the saver's token.</summary>
    public string SaveFenced { get; }

    /// <summary>The save without a lease fence, for a saver that holds no lease (see <see cref="BuildSave"/>).</summary>
    public string SaveUnfenced { get; }

    /// <summary>
    /// The grant, one conditional upsert: $1 name, $2 key, $3 owner, $4 expiry ticks, $5 now ticks.
    /// Written only when the state has no lease, its lease expired or the owner already holds it
    /// (token kept); a new holder gets the next value of the store's token sequence (never smaller
    /// than the old token + 1). Returns the stored lease, or no row when another owner holds it.
    /// </summary>
    public string Acquire { get; }

    /// <summary>$1 name, $2 key, $3 token: removes exactly that lease.</summary>
    public string Release { get; }

    /// <summary>$1 name, $2 key: the lease row (owner, token, expiry ticks), or none.</summary>
    public string GetLease { get; }

    /// <summary>
    /// A save as one statement: $1 name, $2 key, $3 version, $4 writer, $5 ticks, $6 offset minutes,
    /// $7 data, $8 history length, and for the fenced form $9 token. The new row is written only
    /// when the stored version is $3 − 1 (none stored: $3 is 1), checked by the upsert's conflict
    /// clause on the locked latest row, and, fenced, only while the lease row carries exactly $9
    /// (FOR SHARE keeps a concurrent grant from committing before this save ends; a grant that
    /// committed first fails the re-checked condition). Returns the new version, or no row when
    /// refused. The previous version moves to history and history is trimmed only by a save that
    /// was written.
    /// </summary>
    private string BuildSave(bool fenced)
    {
        var t = Tables;
        var fence = fenced ? $"fence AS (SELECT 1 FROM {t.SharedStateLeases} WHERE state_name = $1 AND key = $2 AND token = $9 FOR SHARE)," : "";
        var allowed = fenced ? "EXISTS (SELECT 1 FROM fence)" : "TRUE";
        return $"""
            WITH {fence}
            saved AS (
                INSERT INTO {t.SharedStates} AS latest (state_name, key, version, writer, updated_at_ticks, updated_at_offset_minutes, data)
                SELECT $1, $2, $3, $4, $5, $6, $7
                WHERE {allowed} AND ($3 = 1 OR EXISTS (SELECT 1 FROM {t.SharedStates} WHERE state_name = $1 AND key = $2))
                ON CONFLICT (state_name, key) DO UPDATE SET
                    version = excluded.version, writer = excluded.writer, updated_at_ticks = excluded.updated_at_ticks,
                    updated_at_offset_minutes = excluded.updated_at_offset_minutes, data = excluded.data
                WHERE latest.version = excluded.version - 1
                RETURNING version),
            moved AS (
                INSERT INTO {t.SharedStateHistory} (state_name, key, version, writer, updated_at_ticks, updated_at_offset_minutes, data)
                SELECT state_name, key, version, writer, updated_at_ticks, updated_at_offset_minutes, data
                FROM {t.SharedStates} WHERE state_name = $1 AND key = $2 AND version = $3 - 1 AND $8 > 1 AND EXISTS (SELECT 1 FROM saved)
                ON CONFLICT (state_name, key, version) DO NOTHING),
            trimmed AS (
                DELETE FROM {t.SharedStateHistory}
                WHERE state_name = $1 AND key = $2 AND version <= $3 - greatest($8, 1) AND EXISTS (SELECT 1 FROM saved))
            SELECT version FROM saved
            """;
    }
}
