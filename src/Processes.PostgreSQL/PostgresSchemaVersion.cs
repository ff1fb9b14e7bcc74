using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Processes.PostgreSQL;

/// <summary>
/// The <c>schema_version</c> table's rows, one per component (<c>processes.checkpoints</c>,
/// <c>processes.shared-states</c>): the read, the check, and the migration that ends with the
/// write of a component's version, once for each of <see cref="PostgresSchema"/>'s components.
/// Every call runs in the open's transaction, under its advisory lock.
/// </summary>
internal static class PostgresSchemaVersion
{
    /// <summary>Reads <paramref name="component"/>'s version; null when it has no row (the table must exist).</summary>
    public static async ValueTask<int?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresTables tables, string component, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand($"SELECT version FROM {tables.SchemaVersion} WHERE component = $1", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = component });
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int value ? value : null;
    }

    /// <summary>Refuses a layout newer than this SDK's, naming what has it; the tables are left as they are.</summary>
    /// <exception cref="CheckpointCorruptedException"><paramref name="version"/> is above <paramref name="currentVersion"/>.</exception>
    public static void ThrowIfNewer(string endpoint, string what, int version, int currentVersion)
    {
        if (version > currentVersion)
        {
            throw new CheckpointCorruptedException(endpoint, CheckpointCorruptionKind.UnsupportedVersion,
                $"{what} have schema version {version}; this SDK reads version {currentVersion} and older (use a newer Processes.Sdk.PostgreSQL)");
        }
    }

    /// <summary>
    /// Runs <paramref name="migrations"/> from <paramref name="version"/> + 1 to the last (migration
    /// n creates version n from version n − 1), then sets <paramref name="component"/>'s row to the
    /// last version.
    /// </summary>
    public static async ValueTask MigrateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresTables tables, string component, int version, Func<PostgresTables, string>[] migrations, CancellationToken cancellationToken)
    {
        for (var next = version + 1; next <= migrations.Length; next++)
        {
            await PostgresSchema.ExecuteAsync(connection, transaction, migrations[next - 1](tables), cancellationToken).ConfigureAwait(false);
        }

        await using var stamp = new NpgsqlCommand(
            $"INSERT INTO {tables.SchemaVersion} (component, version) VALUES ($1, $2) ON CONFLICT (component) DO UPDATE SET version = excluded.version",
            connection, transaction);
        stamp.Parameters.Add(new NpgsqlParameter<string> { TypedValue = component });
        stamp.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migrations.Length });
        await stamp.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
