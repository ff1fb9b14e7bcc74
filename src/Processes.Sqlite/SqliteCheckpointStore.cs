using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Processes.Checkpoints;

namespace Processes.Sqlite;

/// <summary>
/// Keeps checkpoints, their history and leases in one SQLite database file: the recommended
/// embedded store. The file is in WAL mode and every commit is synced to disk before the call
/// returns. Several store instances and several OS processes may open the same file at once:
/// every read-check-write runs in a <c>BEGIN IMMEDIATE</c> transaction, so lease grants and
/// fenced saves stay exclusive across all of them. Open it with <see cref="OpenAsync"/>;
/// docs/concepts/sqlite-store.md describes the schema and the rules.
/// </summary>
/// <remarks>
/// Each operation borrows its own connection from Microsoft.Data.Sqlite's pool, so reads run in
/// parallel; writes of one instance queue on an in-process gate (SQLite allows one writer per file
/// anyway) and writes of other instances or processes wait up to
/// <see cref="SqliteCheckpointStoreOptions.BusyTimeout"/>. A busy, locked or I/O failure throws
/// <see cref="SqliteException"/> and leaves the file as it was before the call; a file that is not a
/// SQLite database, or holds another schema, throws <see cref="CheckpointCorruptedException"/> naming it.
/// </remarks>
public sealed partial class SqliteCheckpointStore : ICheckpointStore, ICheckpointHistory, IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SqliteCheckpointStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _disposed;

    private SqliteCheckpointStore(string path, SqliteCheckpointStoreOptions options)
    {
        FilePath = path;
        _options = options;
        _timeProvider = options.TimeProvider;
        _connectionString = SqliteSchema.ConnectionString(path, options.BusyTimeout);
        _connectionPragmas = SqliteSchema.ConnectionPragmas(options.BusyTimeout);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens the database at <paramref name="path"/>, creating the file (and its directory) and the
    /// schema when missing, switching it to WAL mode and checking the schema version. When
    /// <see cref="SqliteCheckpointStoreOptions.FinishedRetention"/> is set, purges what is past it.
    /// </summary>
    /// <exception cref="CheckpointCorruptedException">The file is not a SQLite database, holds another schema, or has a newer schema version.</exception>
    /// <exception cref="SqliteException">The file could not be opened or stayed locked by another writer.</exception>
    public static async ValueTask<SqliteCheckpointStore> OpenAsync(string path, SqliteCheckpointStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteCheckpointStoreOptions();
        options.Validate();
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var store = new SqliteCheckpointStore(fullPath, options);
        try
        {
            await store.RunAsync(
                static async (store, connection, cancellationToken) =>
                {
                    await SqliteSchema.EnsureAsync(connection, store.FilePath, cancellationToken).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            await store.PurgeIfDueAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointValidation.Validate(checkpoint.Info);
        await WriteAsync(
            checkpoint,
            static async (store, checkpoint, connection, cancellationToken) =>
            {
                await store.SaveInTransactionAsync(connection, checkpoint, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        await PurgeIfDueAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves <paramref name="checkpoints"/> in one transaction: all of them or none (tests fill large stores with it).</summary>
    internal async ValueTask SaveManyAsync(IReadOnlyList<Checkpoint> checkpoints, CancellationToken cancellationToken = default)
    {
        foreach (var checkpoint in checkpoints)
        {
            ArgumentNullException.ThrowIfNull(checkpoint);
            CheckpointValidation.Validate(checkpoint.Info);
        }

        await WriteAsync(
            checkpoints,
            static async (store, checkpoints, connection, cancellationToken) =>
            {
                foreach (var checkpoint in checkpoints)
                {
                    await store.SaveInTransactionAsync(connection, checkpoint, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        RunAsync(
            id,
            static async (store, id, connection, cancellationToken) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {SqliteRows.InfoColumns}, data FROM checkpoints WHERE id = $id;";
                command.Parameters.AddWithValue("$id", SqliteRows.IdText(id));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new Checkpoint(SqliteRows.ReadInfo(reader, store.FilePath), SqliteRows.ReadBlob(reader, 9))
                    : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(CheckpointQuery? query = null, CancellationToken cancellationToken = default) =>
        RunAsync<CheckpointQuery, IReadOnlyList<CheckpointInfo>>(
            query ?? CheckpointQuery.All,
            static async (store, query, connection, cancellationToken) =>
            {
                await using var command = connection.CreateCommand();
                PrepareList(command, query);
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
    public ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        WriteAsync(
            id,
            static async (_, id, connection, cancellationToken) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    DELETE FROM tags WHERE id = $id;
                    DELETE FROM history WHERE id = $id;
                    DELETE FROM leases WHERE id = $id;
                    DELETE FROM checkpoints WHERE id = $id;
                    SELECT changes();
                    """;
                command.Parameters.AddWithValue("$id", SqliteRows.IdText(id));
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long and > 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return WriteAsync(
            tag,
            static async (_, tag, connection, cancellationToken) =>
            {
                // The tags rows go last: the other statements find their ids through them.
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    DELETE FROM history WHERE id IN (SELECT id FROM tags WHERE tag = $tag);
                    DELETE FROM leases WHERE id IN (SELECT id FROM tags WHERE tag = $tag);
                    DELETE FROM checkpoints WHERE id IN (SELECT id FROM tags WHERE tag = $tag);
                    SELECT changes();
                    """;
                command.Parameters.AddWithValue("$tag", tag);
                var deleted = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);

                await using var tags = connection.CreateCommand();
                tags.CommandText = "DELETE FROM tags WHERE id IN (SELECT id FROM tags WHERE tag = $tag);";
                tags.Parameters.AddWithValue("$tag", tag);
                await tags.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return (int)deleted;
            },
            cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file (operations still running finish first on their own connections).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        // _writeGate is not disposed: a write still running releases it, and a SemaphoreSlim
        // whose wait handle was never asked for holds no native resource.
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <summary>
    /// Sets <paramref name="command"/> up to list what <paramref name="query"/> matches. Only fixed
    /// fragments are concatenated and every value is a parameter; each criterion has an index
    /// (see <see cref="SqliteSchema"/>), and data is never selected.
    /// </summary>
    internal static void PrepareList(SqliteCommand command, CheckpointQuery query)
    {
        var sql = new StringBuilder($"SELECT {SqliteRows.InfoColumns} FROM checkpoints WHERE 1 = 1");
        if (query.Tag is { } tag)
        {
            sql.Append(" AND id IN (SELECT id FROM tags WHERE tag = $tag)");
            command.Parameters.AddWithValue("$tag", tag);
        }

        if (query.State is { } state)
        {
            sql.Append(" AND state = $state");
            command.Parameters.AddWithValue("$state", (int)state);
        }

        if (query.ProcessName is { } processName)
        {
            sql.Append(" AND process_name = $processName");
            command.Parameters.AddWithValue("$processName", processName);
        }

        if (query.ParentId is { } parentId)
        {
            sql.Append(" AND parent_id = $parentId");
            command.Parameters.AddWithValue("$parentId", SqliteRows.IdText(parentId));
        }

        if (query.RootsOnly)
        {
            sql.Append(" AND parent_id IS NULL");
        }

        if (query.SavedBefore is { } savedBefore)
        {
            sql.Append(" AND saved_at_ticks < $savedBefore");
            command.Parameters.AddWithValue("$savedBefore", SqliteRows.Ticks(savedBefore));
        }

        sql.Append(" ORDER BY saved_at_ticks, id");
        if (query.Limit is { } limit)
        {
            sql.Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        }

        command.CommandText = sql.Append(';').ToString();
    }

    // One transaction's part of a save: the fencing check, then the latest row, history and tags.
    private async ValueTask SaveInTransactionAsync(SqliteConnection connection, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var info = checkpoint.Info;
        var id = SqliteRows.IdText(info.Id);
        if (checkpoint.FencingToken is { } token)
        {
            var current = await ReadLeaseAsync(connection, info.Id, cancellationToken).ConfigureAwait(false);
            LeaseRules.EnsureCurrent(info.Id, current, token);
        }

        await using (var command = connection.CreateCommand())
        {
            // The previous latest moves to history (when history is kept), the new one replaces it
            // with the next sequence number, and history is trimmed to HistoryLength - 1 rows.
            command.CommandText = $"""
                INSERT INTO history (id, sequence, process_name, state, paused, parent_id, saved_at_ticks, saved_at_offset_minutes, tags, data)
                    SELECT id, sequence, process_name, state, paused, parent_id, saved_at_ticks, saved_at_offset_minutes, tags, data
                    FROM checkpoints WHERE id = $id AND $historyLength > 1;
                INSERT INTO checkpoints (id, process_name, state, paused, parent_id, saved_at_ticks, saved_at_offset_minutes, sequence, tags, data)
                    VALUES ($id, $processName, $state, $paused, $parentId, $savedAtTicks, $savedAtOffset, 1, $tags, $data)
                    ON CONFLICT (id) DO UPDATE SET
                        process_name = excluded.process_name, state = excluded.state, paused = excluded.paused,
                        parent_id = excluded.parent_id, saved_at_ticks = excluded.saved_at_ticks,
                        saved_at_offset_minutes = excluded.saved_at_offset_minutes, sequence = checkpoints.sequence + 1,
                        tags = excluded.tags, data = excluded.data;
                DELETE FROM history WHERE id = $id AND sequence <= (SELECT sequence FROM checkpoints WHERE id = $id) - max($historyLength, 1);
                DELETE FROM tags WHERE id = $id;
                """;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$historyLength", _options.HistoryLength);
            command.Parameters.AddWithValue("$processName", info.ProcessName);
            command.Parameters.AddWithValue("$state", (int)info.State);
            command.Parameters.AddWithValue("$paused", info.Paused ? 1 : 0);
            command.Parameters.AddWithValue("$parentId", info.ParentId is { } parentId ? SqliteRows.IdText(parentId) : DBNull.Value);
            command.Parameters.AddWithValue("$savedAtTicks", SqliteRows.Ticks(info.SavedAt));
            command.Parameters.AddWithValue("$savedAtOffset", SqliteRows.OffsetMinutes(info.SavedAt));
            command.Parameters.Add("$tags", SqliteType.Blob).Value = TagListCodec.Encode(info.Tags);
            command.Parameters.Add("$data", SqliteType.Blob).Value = WholeArray(checkpoint.Data);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (info.Tags.Count == 0)
        {
            return;
        }

        await using var insertTag = connection.CreateCommand();
        insertTag.CommandText = "INSERT INTO tags (id, position, tag) VALUES ($id, $position, $tag);";
        insertTag.Parameters.AddWithValue("$id", id);
        var position = insertTag.Parameters.Add("$position", SqliteType.Integer);
        var tagValue = insertTag.Parameters.Add("$tag", SqliteType.Text);
        for (var index = 0; index < info.Tags.Count; index++)
        {
            position.Value = index;
            tagValue.Value = info.Tags[index];
            await insertTag.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // SQLite copies the bytes when it binds them; an array that is exactly the data is bound without a copy.
    private static byte[] WholeArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    // A read: its own pooled connection, one statement (a consistent snapshot), no write lock.
    private ValueTask<TResult> RunAsync<TResult>(Func<SqliteCheckpointStore, SqliteConnection, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken) =>
        RunAsync(work, static (store, work, connection, cancellationToken) => work(store, connection, cancellationToken), cancellationToken);

    private async ValueTask<TResult> RunAsync<TState, TResult>(TState state, Func<SqliteCheckpointStore, TState, SqliteConnection, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await work(this, state, connection, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException error) when (SqliteSchema.IsDamage(error))
        {
            throw SqliteSchema.Damaged(FilePath, error);
        }
    }

    // A read-check-write: one BEGIN IMMEDIATE transaction, committed only when work succeeds.
    private async ValueTask<TResult> WriteAsync<TState, TResult>(TState state, Func<SqliteCheckpointStore, TState, SqliteConnection, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await SqliteTransactionScope.BeginImmediateAsync(connection, cancellationToken).ConfigureAwait(false);
            var result = await work(this, state, connection, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            return result;
        }
        catch (SqliteException error) when (SqliteSchema.IsDamage(error))
        {
            throw SqliteSchema.Damaged(FilePath, error);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private ValueTask<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SqliteSchema.OpenConnectionAsync(_connectionString, _connectionPragmas, cancellationToken);
    }
}
