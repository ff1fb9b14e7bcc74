using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using Processes.Checkpoints;

namespace Processes.PostgreSQL;

/// <summary>
/// Keeps shared states (<see cref="SharedStateOptions.Store"/>) in a PostgreSQL database that
/// runtimes on many machines share: one row per state (name and key) with its version, a bounded
/// history of earlier versions, and an ownership lease per state with a fencing token. The rules
/// of <see cref="ISharedStateStore"/> are decided by the database: a save is one statement written
/// only when the stored version is the one it follows and (fenced) the lease row carries the
/// saver's token, and a lease grant is one conditional upsert, so a stale owner is refused
/// whichever client or machine sends its save. Open it with <see cref="OpenAsync"/>;
/// docs/concepts/postgresql-store.md describes the tables and the rules.
/// </summary>
/// <remarks>
/// Each instance owns one Npgsql connection pool (a slim, AOT-compatible data source). Failures of
/// the database throw <see cref="PostgresSharedStateStoreException"/> after
/// <see cref="PostgresSharedStateStoreOptions.TransientRetries"/> retries of the transient ones;
/// tables of a newer or foreign layout throw <see cref="CheckpointCorruptedException"/>. The
/// tables live beside a <see cref="PostgresCheckpointStore"/>'s (same schema and prefix) and are
/// versioned on their own, so they never change the checkpoint tables.
/// </remarks>
public sealed partial class PostgresSharedStateStore : ISharedStateStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSharedStateTables _sql;
    private readonly PostgresSharedStateStoreOptions _options;
    private volatile bool _disposed;

    private PostgresSharedStateStore(NpgsqlDataSource dataSource, string endpoint, PostgresSharedStateStoreOptions options)
    {
        _dataSource = dataSource;
        _options = options;
        _sql = new PostgresSharedStateTables(new PostgresTables(options.Schema, options.TablePrefix));
        Endpoint = endpoint;
    }

    /// <summary>Where the store keeps its data, for messages and logs: <c>host:port/database</c>, the schema and the table prefix. Never contains the password.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Connects to the database named by <paramref name="connectionString"/> (an Npgsql connection
    /// string, e.g. <c>Host=db;Port=5432;Database=app;Username=app;Password=…</c>), creates the
    /// schema and the shared-state tables when missing (with the checkpoint tables' version table),
    /// migrates an older layout and checks the version of an existing one.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host, or an option is invalid.</exception>
    /// <exception cref="PostgresSharedStateStoreException">The server could not be reached, refused the credentials or the creation of the tables, or the database is not UTF8.</exception>
    /// <exception cref="CheckpointCorruptedException">The tables have a newer schema version, or tables of those names exist that are not a Processes store.</exception>
    public static async ValueTask<PostgresSharedStateStore> OpenAsync(string connectionString, PostgresSharedStateStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresSharedStateStoreOptions();
        options.Validate();
        return await PostgresStoreOpener.OpenAsync(
            connectionString,
            options.Schema,
            options.TablePrefix,
            (dataSource, endpoint) => new PostgresSharedStateStore(dataSource, endpoint, options),
            static async (store, cancellationToken) => await store.RunAsync(
                new Target(null, null, store._sql.Tables.SchemaVersion),
                store._sql.Tables,
                static async (store, tables, connection, cancellationToken) =>
                {
                    await PostgresSchema.EnsureAsync(connection, tables, store.Endpoint, withSharedStates: true,
                        (endpoint, reason) => new PostgresSharedStateStoreException(endpoint, null, null, tables.SchemaVersion, reason, isTransient: false), cancellationToken).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default)
    {
        CheckAddress(stateName, key);
        return RunAsync(
            new Target(stateName, key, _sql.Tables.SharedStates),
            (stateName, key),
            static async (store, address, connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(store._sql.Load, connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address.stateName });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address.key });
                return await ReadRecordAsync(command, address.stateName, address.key, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// A kept version of a state: the latest, or one of the
    /// <see cref="PostgresSharedStateStoreOptions.HistoryLength"/> − 1 before it; null when it was
    /// never saved or has been trimmed. For inspecting how a state evolved; watchers use the
    /// owner's in-memory history, not this one.
    /// </summary>
    public ValueTask<SharedStateRecord?> LoadVersionAsync(string stateName, string key, long version, CancellationToken cancellationToken = default)
    {
        CheckAddress(stateName, key);
        return RunAsync(
            new Target(stateName, key, _sql.Tables.SharedStateHistory),
            (stateName, key, version),
            static async (store, request, connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(store._sql.LoadVersion, connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.stateName });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.key });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.version });
                return await ReadRecordAsync(command, request.stateName, request.key, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One round trip: an advisory lock on the state, then one statement that writes only when the
    /// database finds the stored version to be <c>record.Version - 1</c> and (with a
    /// <see cref="SharedStateRecord.FencingToken"/>) the lease row to carry that token. A save
    /// repeated after its commit's reply was lost finds its own version stored and succeeds.
    /// </remarks>
    public async ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckAddress(record.StateName, record.Key);
        ArgumentOutOfRangeException.ThrowIfLessThan(record.Version, 1, nameof(record));
        if (record.Writer is { } writer)
        {
            PostgresRows.CheckText(writer, "writer", nameof(record));
        }

        // The store's own copy, taken before the call returns (the caller may reuse its buffer).
        var data = record.Data.ToArray();
        var refusal = await RunAsync(
            new Target(record.StateName, record.Key, _sql.Tables.SharedStates),
            (record, data),
            static (store, request, connection, cancellationToken) => store.SaveInOneBatchAsync(connection, request.record, request.data, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            throw refusal;
        }
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

    // Null when saved; otherwise the refusal to throw (returned, so a retry loop never mistakes it for a database failure).
    private async ValueTask<Exception?> SaveInOneBatchAsync(NpgsqlConnection connection, SharedStateRecord record, byte[] data, CancellationToken cancellationToken)
    {
        bool saved;
        await using (var batch = new NpgsqlBatch(connection))
        {
            var lockState = new NpgsqlBatchCommand(_sql.LockStateForSave);
            lockState.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _sql.SaveLockKey(record.StateName, record.Key) });
            batch.BatchCommands.Add(lockState);

            var save = new NpgsqlBatchCommand(record.FencingToken is null ? _sql.SaveUnfenced : _sql.SaveFenced);
            save.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.StateName });
            save.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Key });
            save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.Version });
            save.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)record.Writer ?? DBNull.Value });
            save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.UpdatedAt.UtcTicks });
            save.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PostgresRows.OffsetMinutes(record.UpdatedAt) });
            save.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Bytea });
            save.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.HistoryLength });
            if (record.FencingToken is { } token)
            {
                save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = token });
            }

            batch.BatchCommands.Add(save);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            saved = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        return saved ? null : await ExplainRefusalAsync(connection, record, data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Why the database refused a save, read after the fact: none when the stored row is this very
    /// save (a retry after a lost reply); else the lease that is not the saver's; else the version
    /// that is not the one the record follows.
    /// </summary>
    private async ValueTask<Exception?> ExplainRefusalAsync(NpgsqlConnection connection, SharedStateRecord record, byte[] data, CancellationToken cancellationToken)
    {
        SharedStateRecord? stored;
        await using (var load = new NpgsqlCommand(_sql.Load, connection))
        {
            load.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.StateName });
            load.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Key });
            stored = await ReadRecordAsync(load, record.StateName, record.Key, cancellationToken).ConfigureAwait(false);
        }

        if (stored is not null && stored.Version == record.Version && stored.Writer == record.Writer
            && stored.UpdatedAt == record.UpdatedAt && stored.Data.Span.SequenceEqual(data))
        {
            return null;
        }

        if (record.FencingToken is { } token)
        {
            var lease = await ReadLeaseAsync(connection, _sql, record.StateName, record.Key, cancellationToken).ConfigureAwait(false);
            if (lease?.FencingToken != token)
            {
                // Another runtime took the state over (or the lease was given back): this saver's copy may be stale.
                return new SharedStateOwnedException(record.StateName, record.Key, lease?.Owner, lease?.ExpiresAt);
            }
        }

        return new SharedStateConflictException(record.StateName, record.Key, record.Version - 1, stored?.Version ?? 0);
    }

    private static async ValueTask<SharedStateRecord?> ReadRecordAsync(NpgsqlCommand command, string stateName, string key, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var offset = TimeSpan.FromMinutes(reader.GetInt32(3));
        var updatedAt = new DateTimeOffset(reader.GetInt64(2) + offset.Ticks, offset);
        return new SharedStateRecord(stateName, key, reader.GetInt64(0), reader.GetFieldValue<byte[]>(4), reader.IsDBNull(1) ? null : reader.GetString(1), updatedAt);
    }

    private static void CheckAddress(string stateName, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(key);
        PostgresRows.CheckText(stateName, "state name", nameof(stateName));
        PostgresRows.CheckText(key, "key", nameof(key));
    }

    /// <summary>What an operation concerns, for the message of its failure.</summary>
    private readonly record struct Target(string? StateName, string? Key, string Table);

    // One pooled connection per attempt; transient failures are retried (every operation is safe to repeat).
    private async ValueTask<TResult> RunAsync<TState, TResult>(Target target, TState state, Func<PostgresSharedStateStore, TState, NpgsqlConnection, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken)
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
            catch (Exception error) when (PostgresConnections.IsDatabaseFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                var transient = PostgresConnections.IsTransient(error);
                if (!transient || attempt >= _options.TransientRetries)
                {
                    if (transient)
                    {
                        // After a server restart every idle pooled connection is dead: the next call needs new ones.
                        _dataSource.Clear();
                    }

                    throw new PostgresSharedStateStoreException(Endpoint, target.StateName, target.Key, target.Table, PostgresConnections.Describe(error, outcomeUnknown: false), transient, error);
                }

                _dataSource.Clear();
                await Task.Delay(_options.TransientRetryDelay * (1 << Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
