using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Processes.Sqlite;

/// <summary>
/// The layout of <see cref="SqliteSharedStateStore"/>'s file and the check and migration every
/// open runs. The version is the <c>processes.shared-states</c> row of a <c>schema_version</c>
/// table (the shape <see cref="SqliteSchema"/> gives checkpoint files), so a later SDK can tell
/// which layout a file has and migrate it. Files written before the version existed hold the
/// version 1 table without a version row; an open stamps them.
/// </summary>
internal static class SqliteSharedStateSchema
{
    /// <summary>The layout this SDK writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The <c>schema_version</c> row that marks a file as a shared-state store's.</summary>
    public const string Component = "processes.shared-states";

    /// <summary>Version 1: one checksummed row per state. Times are UTC ticks plus the offset in minutes.</summary>
    private const string CreateVersion1 = """
        CREATE TABLE IF NOT EXISTS shared_states (
            state_name TEXT NOT NULL,
            key TEXT NOT NULL,
            version INTEGER NOT NULL,
            writer TEXT NULL,
            updated_at_ticks INTEGER NOT NULL,
            updated_at_offset_minutes INTEGER NOT NULL,
            checksum INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (state_name, key));
        """;

    /// <summary>
    /// Creates the layout in a fresh file, stamps an unversioned one (the layout before versions,
    /// which is version 1) or checks the version of a versioned one, in one transaction (see
    /// <see cref="SqliteSchemaVersion.BeginAsync"/>). A newer version is refused and the file left as it is.
    /// </summary>
    /// <exception cref="CheckpointCorruptedException">The file has a newer shared-state layout, or other tables and no shared-state table.</exception>
    public static async ValueTask EnsureAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        await using var transaction = await SqliteSchemaVersion.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var stamped = await ReadVersionAsync(connection, path, cancellationToken).ConfigureAwait(false);
        var version = stamped ?? 1;
        SqliteSchemaVersion.ThrowIfNewer($"{path} (table shared_states)", "the shared-state table", version, CurrentVersion);
        if (version < CurrentVersion || stamped is null)
        {
            // Version 0 (a new file) gets the table; an unversioned file already has version 1's, which the IF NOT EXISTS keeps.
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = CreateVersion1;
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await SqliteSchemaVersion.WriteAsync(connection, Component, CurrentVersion, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    // 0 for an empty file, null for the unversioned layout (version 1's table, no version row); throws for a file that holds somebody else's tables.
    private static async ValueTask<long?> ReadVersionAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        var (version, tables) = await SqliteSchemaVersion.ReadAsync(connection, Component, cancellationToken).ConfigureAwait(false);
        if (version is not null)
        {
            return version;
        }

        if (tables.Contains("shared_states"))
        {
            return null;
        }

        return tables.Count == 0
            ? 0
            : throw new CheckpointCorruptedException(path, CheckpointCorruptionKind.InvalidContent,
                "not a Processes shared-state database: it is a SQLite database with other tables and no shared_states table");
    }
}
