using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Processes.Checkpoints;

namespace Processes.Sqlite;

/// <summary>Leases: the rules of <see cref="LeaseRules"/>, applied inside one <c>BEGIN IMMEDIATE</c> transaction each.</summary>
public sealed partial class SqliteCheckpointStore
{
    /// <inheritdoc />
    public ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, string owner, TimeSpan duration, ProcessLease? takeOverFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        LeaseRules.ValidateDuration(duration);
        return WriteAsync(
            (id, owner, duration, takeOverFrom),
            static async (store, request, connection, cancellationToken) =>
            {
                var current = await ReadLeaseAsync(connection, request.id, cancellationToken).ConfigureAwait(false);
                var lastToken = await ReadLastTokenAsync(connection, cancellationToken).ConfigureAwait(false);

                // The clock is read once the write lock is held, so no other grant can come between.
                var now = store._timeProvider.GetUtcNow();
                var granted = LeaseRules.Acquire(request.id, current, request.owner, now, request.duration, lastToken + 1, request.takeOverFrom);

                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO leases (id, owner, token, expires_at_ticks) VALUES ($id, $owner, $token, $expiresAt)
                        ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, token = excluded.token, expires_at_ticks = excluded.expires_at_ticks;
                    UPDATE counters SET value = max(value, $token) WHERE name = 'lease_token';
                    """;
                command.Parameters.AddWithValue("$id", SqliteRows.IdText(request.id));
                command.Parameters.AddWithValue("$owner", granted.Owner);
                command.Parameters.AddWithValue("$token", granted.FencingToken);
                command.Parameters.AddWithValue("$expiresAt", SqliteRows.Ticks(granted.ExpiresAt));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return granted;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseRules.ValidateDuration(duration);
        return WriteAsync(
            (lease, duration),
            static async (store, request, connection, cancellationToken) =>
            {
                var current = await ReadLeaseAsync(connection, request.lease.Id, cancellationToken).ConfigureAwait(false);
                LeaseRules.EnsureCurrent(request.lease.Id, current, request.lease.FencingToken);
                var renewed = current! with { ExpiresAt = store._timeProvider.GetUtcNow() + request.duration };

                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE leases SET expires_at_ticks = $expiresAt WHERE id = $id AND token = $token;";
                command.Parameters.AddWithValue("$id", SqliteRows.IdText(renewed.Id));
                command.Parameters.AddWithValue("$token", renewed.FencingToken);
                command.Parameters.AddWithValue("$expiresAt", SqliteRows.Ticks(renewed.ExpiresAt));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return renewed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await WriteAsync(
            lease,
            static async (_, lease, connection, cancellationToken) =>
            {
                // Only the exact current lease is removed; the token counter keeps later grants greater.
                await using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM leases WHERE id = $id AND token = $token;";
                command.Parameters.AddWithValue("$id", SqliteRows.IdText(lease.Id));
                command.Parameters.AddWithValue("$token", lease.FencingToken);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease?> GetLeaseAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        RunAsync(
            id,
            static (_, id, connection, cancellationToken) => ReadLeaseAsync(connection, id, cancellationToken),
            cancellationToken);

    private static async ValueTask<ProcessLease?> ReadLeaseAsync(SqliteConnection connection, ProcessId id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, token, expires_at_ticks FROM leases WHERE id = $id;";
        command.Parameters.AddWithValue("$id", SqliteRows.IdText(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ProcessLease(id, reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero))
            : null;
    }

    private static async ValueTask<long> ReadLastTokenAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM counters WHERE name = 'lease_token';";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : 0;
    }
}
