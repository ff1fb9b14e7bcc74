using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Processes.Checkpoints;

namespace Processes.Sqlite;

/// <summary>
/// Keeps shared states (<see cref="SharedStateOptions.Store"/>) in a SQLite database file, one row
/// per state (name and key), each save a <c>BEGIN IMMEDIATE</c> transaction that checks the stored
/// version and commits to disk (WAL, <c>synchronous = FULL</c>) before it returns. A checksum guards
/// every row. Several runtimes (and OS processes) may share the file: each state is owned by one of
/// them at a time, by a lease with a fencing token kept by a <see cref="SqliteCheckpointStore"/> in
/// the sibling file <c>&lt;path&gt;.ownership</c> (its lease rules, not a copy of them); a save whose
/// token is not the current lease is refused. docs/concepts/sqlite-store.md describes it.
/// </summary>
public sealed class SqliteSharedStateStore : ISharedStateStore, IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SqliteCheckpointStore _ownership;

    private SqliteSharedStateStore(string path, SqliteCheckpointStoreOptions options, SqliteCheckpointStore ownership)
    {
        FilePath = path;
        _ownership = ownership;
        _connectionString = SqliteSchema.ConnectionString(path, options.BusyTimeout);
        _connectionPragmas = SqliteSchema.ConnectionPragmas(options.BusyTimeout);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens the database at <paramref name="path"/> (and its ownership file beside it), creating
    /// them and their tables when missing, and checks (or migrates) the version of the layout
    /// (<c>schema_version</c>, component <c>processes.shared-states</c>). <paramref name="options"/>
    /// gives the busy timeout and the clock of the leases; retention does not apply to shared states.
    /// </summary>
    /// <exception cref="CheckpointCorruptedException">A file is not a SQLite database, is another application's, or has a newer layout than this SDK reads.</exception>
    /// <exception cref="SqliteException">A file could not be opened or stayed locked by another writer.</exception>
    public static async ValueTask<SqliteSharedStateStore> OpenAsync(string path, SqliteCheckpointStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteCheckpointStoreOptions();
        options.Validate();
        var fullPath = Path.GetFullPath(path);
        var ownership = await SqliteCheckpointStore.OpenAsync(fullPath + ".ownership", options with { FinishedRetention = null }, cancellationToken).ConfigureAwait(false);
        var store = new SqliteSharedStateStore(fullPath, options, ownership);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await SqliteSharedStateSchema.EnsureAsync(connection, fullPath, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (SqliteSchema.IsDamage(exception))
            {
                throw SqliteSchema.Damaged(fullPath, exception);
            }

            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="CheckpointCorruptedException">The row exists but its checksum does not match its content.</exception>
    public async ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, stateName, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.StateName);
        ArgumentNullException.ThrowIfNull(record.Key);
        if (record.FencingToken is { } token
            && await _ownership.GetLeaseAsync(LeaseIdOf(record.StateName, record.Key), cancellationToken).ConfigureAwait(false) is var lease
            && lease?.FencingToken != token)
        {
            // Another runtime took the state over: this saver's copy may be stale.
            throw new SharedStateOwnedException(record.StateName, record.Key, lease?.Owner, lease?.ExpiresAt);
        }

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await SqliteTransactionScope.BeginImmediateAsync(connection, cancellationToken).ConfigureAwait(false);
        var stored = await ReadAsync(connection, record.StateName, record.Key, cancellationToken).ConfigureAwait(false);
        var storedVersion = stored?.Version ?? 0;
        if (storedVersion != record.Version - 1)
        {
            throw new SharedStateConflictException(record.StateName, record.Key, record.Version - 1, storedVersion);
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO shared_states (state_name, key, version, writer, updated_at_ticks, updated_at_offset_minutes, checksum, data)
                    VALUES ($name, $key, $version, $writer, $ticks, $offset, $checksum, $data)
                    ON CONFLICT (state_name, key) DO UPDATE SET version = excluded.version, writer = excluded.writer,
                        updated_at_ticks = excluded.updated_at_ticks, updated_at_offset_minutes = excluded.updated_at_offset_minutes,
                        checksum = excluded.checksum, data = excluded.data;
                """;
            command.Parameters.AddWithValue("$name", record.StateName);
            command.Parameters.AddWithValue("$key", record.Key);
            command.Parameters.AddWithValue("$version", record.Version);
            command.Parameters.AddWithValue("$writer", (object?)record.Writer ?? DBNull.Value);
            command.Parameters.AddWithValue("$ticks", SqliteRows.Ticks(record.UpdatedAt));
            command.Parameters.AddWithValue("$offset", SqliteRows.OffsetMinutes(record.UpdatedAt));
            command.Parameters.AddWithValue("$checksum", Checksum(record.StateName, record.Key, record.Version, record.Data.Span));
            command.Parameters.AddWithValue("$data", record.Data.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<SharedStateLease?> AcquireOwnershipAsync(string stateName, string key, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        try
        {
            var lease = await _ownership.AcquireLeaseAsync(LeaseIdOf(stateName, key), owner, duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SharedStateLease(stateName, key, lease.Owner, lease.FencingToken, lease.ExpiresAt);
        }
        catch (ProcessOwnedException owned)
        {
            throw new SharedStateOwnedException(stateName, key, owned.Owner, owned.ExpiresAt);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseOwnershipAsync(SharedStateLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _ownership.ReleaseLeaseAsync(new ProcessLease(LeaseIdOf(lease.StateName, lease.Key), lease.Owner, lease.FencingToken, lease.ExpiresAt), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the ownership file's store; pooled connections close with the pool.</summary>
    public void Dispose() => _ownership.Dispose();

    private async ValueTask<SharedStateRecord?> ReadAsync(SqliteConnection connection, string stateName, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, writer, updated_at_ticks, updated_at_offset_minutes, checksum, data FROM shared_states WHERE state_name = $name AND key = $key;";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var version = reader.GetInt64(0);
        var writer = reader.IsDBNull(1) ? null : reader.GetString(1);
        var offset = TimeSpan.FromMinutes(reader.GetInt32(3));
        var data = (byte[])reader.GetValue(5);
        if (reader.GetInt64(4) != Checksum(stateName, key, version, data))
        {
            throw new CheckpointCorruptedException($"{FilePath} (shared state '{stateName}' key '{key}')", CheckpointCorruptionKind.ChecksumMismatch, "the checksum does not match");
        }

        var updatedAt = new DateTimeOffset(reader.GetInt64(2) + offset.Ticks, offset);
        return new SharedStateRecord(stateName, key, version, data, writer, updatedAt);
    }

    private async ValueTask<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await SqliteSchema.OpenConnectionAsync(_connectionString, _connectionPragmas, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 26)
        {
            throw new CheckpointCorruptedException(FilePath, CheckpointCorruptionKind.BadMagic, "not a SQLite database", exception);
        }
    }

    /// <summary>The first 8 bytes of a SHA-256 of the row's name, key, version and data: a damaged or misplaced row does not read as a state.</summary>
    private static long Checksum(string stateName, string key, long version, ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(stateName + "\n" + key + "\n"));
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(number, version);
        hash.AppendData(number);
        hash.AppendData(data);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }

    private static ProcessId LeaseIdOf(string stateName, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(stateName + "\n" + key));
        return new ProcessId(new Guid(hash.AsSpan(0, 16)));
    }
}
