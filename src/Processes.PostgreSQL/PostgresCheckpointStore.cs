using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using Processes.Checkpoints;

namespace Processes.PostgreSQL;

/// <summary>
/// Keeps checkpoints, their history and leases in a PostgreSQL database: the store for runtimes on
/// several machines. The rules of <see cref="ICheckpointStore"/> are enforced by the database:
/// a lease grant is one conditional upsert, and a fenced save is written only by a statement that
/// requires the lease row to carry the saver's token (row-locked until the save commits), so a
/// stale owner's save is refused whichever client or machine sends it. Open it with
/// <see cref="OpenAsync"/>; docs/concepts/postgresql-store.md describes the schema and the rules.
/// </summary>
/// <remarks>
/// Each store instance owns one Npgsql connection pool (a slim, AOT-compatible data source);
/// every operation borrows a connection for its duration, so operations run in parallel. Failures
/// of the database (unreachable, restarting, refused credentials, a failed statement) throw
/// <see cref="PostgresCheckpointStoreException"/> after <see cref="PostgresCheckpointStoreOptions.TransientRetries"/>
/// retries of the transient ones; tables of a newer or foreign layout throw
/// <see cref="CheckpointCorruptedException"/>.
/// </remarks>
public sealed partial class PostgresCheckpointStore : ICheckpointStore, ICheckpointHistory, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresTables _tables;
    private readonly PostgresCheckpointStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private volatile bool _disposed;

    private PostgresCheckpointStore(NpgsqlDataSource dataSource, string endpoint, PostgresCheckpointStoreOptions options)
    {
        _dataSource = dataSource;
        _options = options;
        _timeProvider = options.TimeProvider;
        _tables = new PostgresTables(options.Schema, options.TablePrefix);
        Endpoint = endpoint;
    }

    /// <summary>
    /// Where the store keeps its data, for messages and logs: <c>host:port/database</c>, the schema
    /// and the table prefix. Never contains the password.
    /// </summary>
    public string Endpoint { get; }

    /// <summary>
    /// Connects to the database named by <paramref name="connectionString"/> (an Npgsql connection
    /// string, e.g. <c>Host=db;Port=5432;Database=app;Username=app;Password=…</c>), creates the
    /// schema and tables when missing, migrates an older layout, checks the version of an existing
    /// one, and runs the retention purge when <see cref="PostgresCheckpointStoreOptions.FinishedRetention"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host, or an option is invalid.</exception>
    /// <exception cref="PostgresCheckpointStoreException">The server could not be reached, refused the credentials or the creation of the tables, or the database is not UTF8.</exception>
    /// <exception cref="CheckpointCorruptedException">The tables have a newer schema version, or tables of that name exist that are not a checkpoint store.</exception>
    public static async ValueTask<PostgresCheckpointStore> OpenAsync(string connectionString, PostgresCheckpointStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresCheckpointStoreOptions();
        options.Validate();
        return await PostgresStoreOpener.OpenAsync(
            connectionString,
            options.Schema,
            options.TablePrefix,
            (dataSource, endpoint) => new PostgresCheckpointStore(dataSource, endpoint, options),
            static async (store, cancellationToken) =>
            {
                await store.RunAsync(
                    static async (store, connection, cancellationToken) =>
                    {
                        await PostgresSchema.EnsureAsync(connection, store._tables, store.Endpoint, withSharedStates: false,
                            static (endpoint, reason) => new PostgresCheckpointStoreException(endpoint, reason, isTransient: false), cancellationToken).ConfigureAwait(false);
                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
                await store.PurgeIfDueAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointValidation.Validate(checkpoint.Info);
        PostgresRows.CheckText(checkpoint.Info.ProcessName, "process name", nameof(checkpoint));
        foreach (var tag in checkpoint.Info.Tags)
        {
            PostgresRows.CheckText(tag, "tag", nameof(checkpoint));
        }

        // The store's own copy of the tags, taken before the call returns (the data is sent from the caller's memory during the call).
        var tags = new string[checkpoint.Info.Tags.Count];
        for (var index = 0; index < tags.Length; index++)
        {
            tags[index] = checkpoint.Info.Tags[index];
        }

        // One round trip, atomic (see SaveInOneBatchAsync), and safe to repeat: retried like a read.
        await RunAsync(
            (checkpoint, tags),
            static (store, request, connection, cancellationToken) => store.SaveInOneBatchAsync(connection, request.checkpoint, request.tags, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        await PurgeIfDueAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LoadAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        RunAsync(
            id,
            static async (store, id, connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(store._tables.Load, connection);
                command.Parameters.Add(IdParameter(id));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new Checkpoint(PostgresRows.ReadInfo(reader, store.Endpoint), reader.GetFieldValue<byte[]>(9))
                    : null;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListAsync(CheckpointQuery? query = null, CancellationToken cancellationToken = default) =>
        RunAsync<CheckpointQuery, IReadOnlyList<CheckpointInfo>>(
            query ?? CheckpointQuery.All,
            static async (store, query, connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(null, connection);
                store.PrepareList(command, query);
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
    public ValueTask<bool> DeleteAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        WriteAsync(
            id,
            static async (store, id, connection, transaction, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(store._tables.Delete, connection, transaction);
                command.Parameters.Add(IdParameter(id));
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long and > 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> DeleteByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        PostgresRows.CheckText(tag, "tag", nameof(tag));
        return WriteAsync(
            tag,
            static async (store, tag, connection, transaction, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(store._tables.DeleteByTag, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tag });
                return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
            },
            cancellationToken);
    }

    /// <summary>Closes the store's connection pool (operations still running finish first on their own connections).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _dataSource.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose" />
    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sets <paramref name="command"/> up to list what <paramref name="query"/> matches. Only fixed
    /// fragments are concatenated and every value is a parameter; each criterion has an index
    /// (see <see cref="PostgresSchema"/>), and data is never selected.
    /// </summary>
    internal void PrepareList(NpgsqlCommand command, CheckpointQuery query)
    {
        var sql = new StringBuilder($"SELECT {PostgresTables.InfoColumns} FROM {_tables.Checkpoints} WHERE TRUE");
        var parameters = command.Parameters;
        if (query.Tag is { } tag)
        {
            PostgresRows.CheckText(tag, "tag", nameof(query));
            parameters.Add(new NpgsqlParameter<string> { TypedValue = tag });
            sql.Append(CultureInfo.InvariantCulture, $" AND tags @> ARRAY[${parameters.Count}]::text[]");
        }

        if (query.State is { } state)
        {
            parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)state });
            sql.Append(CultureInfo.InvariantCulture, $" AND state = ${parameters.Count}");
        }

        if (query.ProcessName is { } processName)
        {
            PostgresRows.CheckText(processName, "process name", nameof(query));
            parameters.Add(new NpgsqlParameter<string> { TypedValue = processName });
            sql.Append(CultureInfo.InvariantCulture, $" AND process_name = ${parameters.Count}");
        }

        if (query.ParentId is { } parentId)
        {
            parameters.Add(IdParameter(parentId));
            sql.Append(CultureInfo.InvariantCulture, $" AND parent_id = ${parameters.Count}");
        }

        if (query.RootsOnly)
        {
            sql.Append(" AND parent_id IS NULL");
        }

        if (query.SavedBefore is { } savedBefore)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = savedBefore.UtcTicks });
            sql.Append(CultureInfo.InvariantCulture, $" AND saved_at_ticks < ${parameters.Count}");
        }

        sql.Append(" ORDER BY saved_at_ticks, id");
        if (query.Limit is { } limit)
        {
            parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, limit) });
            sql.Append(CultureInfo.InvariantCulture, $" LIMIT ${parameters.Count}");
        }

        command.CommandText = sql.ToString();
    }

    private static NpgsqlParameter<Guid> IdParameter(ProcessId id) => new() { TypedValue = id.Value };

    // A save: lock the id, lock its row, then the fenced (or plain) write statement, sent as one batch. A
    // batch outside an explicit transaction runs in one implicit transaction (all or nothing) and
    // costs one round trip. A refused save has written nothing, so committing it is harmless; a
    // save repeated after a lost reply stores the same checkpoint once more (one more history entry).
    // The batch is prepared: the first save on a pooled connection spends one more round trip
    // preparing its three statements, which stay prepared on that connection (Npgsql keeps them
    // across returns to the pool); later saves skip the parsing and, after the server's first few
    // executions, the planning, which cost more server time than executing the fenced write itself.
    private async ValueTask<bool> SaveInOneBatchAsync(NpgsqlConnection connection, Checkpoint checkpoint, string[] tags, CancellationToken cancellationToken)
    {
        var info = checkpoint.Info;
        await using var batch = new NpgsqlBatch(connection);
        var lockId = new NpgsqlBatchCommand(_tables.LockIdForSave);
        lockId.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _tables.SaveLockKey(info.Id) });
        batch.BatchCommands.Add(lockId);
        var lockRow = new NpgsqlBatchCommand(_tables.LockRowForSave);
        lockRow.Parameters.Add(IdParameter(info.Id));
        batch.BatchCommands.Add(lockRow);

        var save = new NpgsqlBatchCommand(checkpoint.FencingToken is null ? _tables.SaveUnfenced : _tables.SaveFenced);
        save.Parameters.Add(IdParameter(info.Id));
        save.Parameters.Add(new NpgsqlParameter<string> { TypedValue = info.ProcessName });
        save.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)info.State });
        save.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = info.Paused });
        save.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = info.ParentId is { } parentId ? parentId.Value : DBNull.Value });
        save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = info.SavedAt.UtcTicks });
        save.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PostgresRows.OffsetMinutes(info.SavedAt) });
        save.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tags });
        save.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = checkpoint.Data, NpgsqlDbType = NpgsqlDbType.Bytea });
        save.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.HistoryLength });
        if (checkpoint.FencingToken is { } token)
        {
            save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = token });
        }

        batch.BatchCommands.Add(save);
        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        bool saved;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            saved = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!saved)
        {
            // The database refused the fenced write; name the current owner (if any).
            var current = await ReadLeaseAsync(connection, _tables, info.Id, cancellationToken).ConfigureAwait(false);
            throw new LeaseLostException(info.Id, checkpoint.FencingToken!.Value, current?.Owner);
        }

        return true;
    }

    // A read or an idempotent single statement: its own pooled connection; transient failures are retried.
    private ValueTask<TResult> RunAsync<TResult>(Func<PostgresCheckpointStore, NpgsqlConnection, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken) =>
        RunAsync(work, static (store, work, connection, cancellationToken) => work(store, connection, cancellationToken), cancellationToken);

    private async ValueTask<TResult> RunAsync<TState, TResult>(TState state, Func<PostgresCheckpointStore, TState, NpgsqlConnection, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await work(this, state, connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (IsDatabaseFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                if (!await RetryAfterAsync(error, attempt, cancellationToken).ConfigureAwait(false))
                {
                    throw Translate(error, outcomeUnknown: false);
                }
            }
        }
    }

    // A write: one transaction, committed only when work succeeds. A transient failure before the
    // commit (so nothing was written) is retried; one during the commit is reported, not repeated.
    private async ValueTask<TResult> WriteAsync<TState, TResult>(TState state, Func<PostgresCheckpointStore, TState, NpgsqlConnection, NpgsqlTransaction, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            var committing = false;
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var result = await work(this, state, connection, transaction, cancellationToken).ConfigureAwait(false);
                committing = true;
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch (Exception error) when (IsDatabaseFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                if (committing || !await RetryAfterAsync(error, attempt, cancellationToken).ConfigureAwait(false))
                {
                    throw Translate(error, committing);
                }
            }
        }
    }

    private static bool IsDatabaseFailure(Exception error) => PostgresConnections.IsDatabaseFailure(error);

    // True after waiting when the failure is transient and retries remain. Idle pooled connections
    // are dropped first: after a server restart they are all dead, and the retry needs a new one.
    private async ValueTask<bool> RetryAfterAsync(Exception error, int attempt, CancellationToken cancellationToken)
    {
        if (!IsTransient(error))
        {
            return false;
        }

        _dataSource.Clear();
        if (attempt >= _options.TransientRetries)
        {
            return false;
        }

        var delay = _options.TransientRetryDelay * (1 << Math.Min(attempt, 10));
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool IsTransient(Exception error) => PostgresConnections.IsTransient(error);

    private PostgresCheckpointStoreException Translate(Exception error, bool outcomeUnknown) =>
        new(Endpoint, PostgresConnections.Describe(error, outcomeUnknown), IsTransient(error), error);
}
