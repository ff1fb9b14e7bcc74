using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;

namespace Processes.PostgreSQL;

/// <summary>
/// History: the latest checkpoint lives in <c>checkpoints</c>, the earlier
/// <see cref="PostgresCheckpointStoreOptions.HistoryLength"/> − 1 in <c>history</c>; each read
/// below is one statement over both, so it sees one consistent snapshot.
/// </summary>
public sealed partial class PostgresCheckpointStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListHistoryAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        RunAsync<ProcessId, IReadOnlyList<CheckpointInfo>>(
            id,
            static async (store, id, connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(store._tables.ListHistory, connection);
                command.Parameters.Add(IdParameter(id));
                var infos = new List<CheckpointInfo>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    infos.Add(PostgresRows.ReadInfo(reader, store.Endpoint));
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
                await using var command = new NpgsqlCommand(store._tables.LoadHistory, connection);
                command.Parameters.Add(IdParameter(key.id));
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key.sequence });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new Checkpoint(PostgresRows.ReadInfo(reader, store.Endpoint), reader.GetFieldValue<byte[]>(9))
                    : null;
            },
            cancellationToken);
}
