using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Sqlite;

/// <summary>
/// History: the latest checkpoint lives in <c>checkpoints</c>, the earlier
/// <see cref="SqliteCheckpointStoreOptions.HistoryLength"/> − 1 in <c>history</c>; each read
/// below is one statement over both, so it sees one consistent snapshot.
/// </summary>
public sealed partial class SqliteCheckpointStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListHistoryAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        RunAsync<ProcessId, IReadOnlyList<CheckpointInfo>>(
            id,
            static async (store, id, connection, cancellationToken) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {SqliteRows.InfoColumns} FROM checkpoints WHERE id = $id
                    UNION ALL
                    SELECT {SqliteRows.InfoColumns} FROM history WHERE id = $id
                    ORDER BY sequence DESC;
                    """;
                command.Parameters.AddWithValue("$id", SqliteRows.IdText(id));
                var infos = new List<CheckpointInfo>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    infos.Add(SqliteRows.ReadInfo(reader, store.FilePath));
                }

                return infos;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LoadHistoryAsync(ProcessId id, long sequence, CancellationToken cancellationToken = default) =>
        RunAsync(
            (id, sequence),
            static async (store, key, connection, cancellationToken) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {SqliteRows.InfoColumns}, data FROM checkpoints WHERE id = $id AND sequence = $sequence
                    UNION ALL
                    SELECT {SqliteRows.InfoColumns}, data FROM history WHERE id = $id AND sequence = $sequence
                    LIMIT 1;
                    """;
                command.Parameters.AddWithValue("$id", SqliteRows.IdText(key.id));
                command.Parameters.AddWithValue("$sequence", key.sequence);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new Checkpoint(SqliteRows.ReadInfo(reader, store.FilePath), SqliteRows.ReadBlob(reader, 9))
                    : null;
            },
            cancellationToken);
}
