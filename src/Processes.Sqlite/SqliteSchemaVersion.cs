using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Processes.Sqlite;

/// <summary>
/// The <c>schema_version</c> table every store file carries: one row per component
/// (<c>processes.checkpoints</c>, <c>processes.shared-states</c>), so a later SDK can tell which
/// layout a file has and migrate it. The read, the check and the write of a component's version,
/// once for <see cref="SqliteSchema"/> and <see cref="SqliteSharedStateSchema"/>.
/// </summary>
internal static class SqliteSchemaVersion
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            component TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL);
        """;

    /// <summary>
    /// Switches the file to WAL (persistent: readers never block the writer and the writer never
    /// blocks readers), then begins the <c>BEGIN IMMEDIATE</c> transaction in which an open reads,
    /// checks and writes its layout, so processes opening a new file at once create it exactly once.
    /// </summary>
    public static async ValueTask<SqliteTransactionScope> BeginAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var journal = connection.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode = WAL;";
            await journal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        return await SqliteTransactionScope.BeginImmediateAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the file's own tables (without SQLite's) and <paramref name="component"/>'s version row, null when there is none.</summary>
    public static async ValueTask<(long? Version, HashSet<string> Tables)> ReadAsync(SqliteConnection connection, string component, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        await using (var tables = connection.CreateCommand())
        {
            tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\';";
            await using var reader = await tables.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
            }
        }

        if (!names.Contains("schema_version"))
        {
            return (null, names);
        }

        await using var version = connection.CreateCommand();
        version.CommandText = "SELECT version FROM schema_version WHERE component = $component;";
        version.Parameters.AddWithValue("$component", component);
        return (await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : null, names);
    }

    /// <summary>Refuses a layout newer than this SDK's, naming what has it; the file is left as it is.</summary>
    /// <exception cref="CheckpointCorruptedException"><paramref name="version"/> is above <paramref name="currentVersion"/>.</exception>
    public static void ThrowIfNewer(string source, string what, long version, int currentVersion)
    {
        if (version > currentVersion)
        {
            throw new CheckpointCorruptedException(source, CheckpointCorruptionKind.UnsupportedVersion,
                $"{what} has schema version {version}; this SDK reads version {currentVersion} and older (use a newer Processes.Sdk.Sqlite)");
        }
    }

    /// <summary>Creates the table when missing and sets <paramref name="component"/>'s row to <paramref name="version"/>.</summary>
    public static async ValueTask WriteAsync(SqliteConnection connection, string component, int version, CancellationToken cancellationToken)
    {
        await using var write = connection.CreateCommand();
        write.CommandText = CreateTable
            + "\nINSERT INTO schema_version (component, version) VALUES ($component, $version) ON CONFLICT (component) DO UPDATE SET version = excluded.version;";
        write.Parameters.AddWithValue("$component", component);
        write.Parameters.AddWithValue("$version", version);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
