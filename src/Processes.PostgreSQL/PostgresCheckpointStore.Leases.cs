using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using Processes.Checkpoints;

namespace Processes.PostgreSQL;

/// <summary>
/// Leases: the rules of <see cref="ICheckpointStore"/> stated in SQL (see <see cref="PostgresTables.Acquire"/>).
/// Each operation is one statement, decided by the database on the lease row, so grants by
/// different store instances, processes or machines exclude each other; each is idempotent, so a
/// transient failure is retried.
/// </summary>
public sealed partial class PostgresCheckpointStore
{
    /// <inheritdoc />
    public ValueTask<ProcessLease> AcquireLeaseAsync(ProcessId id, string owner, TimeSpan duration, ProcessLease? takeOverFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        PostgresRows.CheckText(owner, "owner", nameof(owner));
        LeaseRules.ValidateDuration(duration);
        return RunAsync(
            (id, owner, duration, takeOverFrom),
            static async (store, request, connection, cancellationToken) =>
            {
                while (true)
                {
                    var now = store._timeProvider.GetUtcNow();
                    await using (var command = new NpgsqlCommand(store._tables.Acquire, connection))
                    {
                        command.Parameters.Add(IdParameter(request.id));
                        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.owner });
                        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (now + request.duration).UtcTicks });
                        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.UtcTicks });
                        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = request.takeOverFrom is { } dead ? dead.FencingToken : DBNull.Value });
                        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            return PostgresRows.ReadLease(reader, request.id);
                        }
                    }

                    // Refused: another owner's live lease. Name it; if it was released in the meantime, ask again.
                    var current = await ReadLeaseAsync(connection, store._tables, request.id, cancellationToken).ConfigureAwait(false);
                    if (current is not null)
                    {
                        throw new ProcessOwnedException(request.id, current.Owner, current.ExpiresAt);
                    }
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease> RenewLeaseAsync(ProcessLease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        LeaseRules.ValidateDuration(duration);
        return RunAsync(
            (lease, duration),
            static async (store, request, connection, cancellationToken) =>
            {
                var expiresAt = store._timeProvider.GetUtcNow() + request.duration;
                await using (var command = new NpgsqlCommand(store._tables.Renew, connection))
                {
                    command.Parameters.Add(IdParameter(request.lease.Id));
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.lease.FencingToken });
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expiresAt.UtcTicks });
                    if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string owner)
                    {
                        return new ProcessLease(request.lease.Id, owner, request.lease.FencingToken, new DateTimeOffset(expiresAt.UtcTicks, TimeSpan.Zero));
                    }
                }

                var current = await ReadLeaseAsync(connection, store._tables, request.lease.Id, cancellationToken).ConfigureAwait(false);
                throw new LeaseLostException(request.lease.Id, request.lease.FencingToken, current?.Owner);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseLeaseAsync(ProcessLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await RunAsync(
            lease,
            static async (store, lease, connection, cancellationToken) =>
            {
                // Only the exact current lease is removed; the token sequence keeps later grants greater.
                await using var command = new NpgsqlCommand(store._tables.Release, connection);
                command.Parameters.Add(IdParameter(lease.Id));
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lease.FencingToken });
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<ProcessLease?> GetLeaseAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        RunAsync(
            id,
            static (store, id, connection, cancellationToken) => ReadLeaseAsync(connection, store._tables, id, cancellationToken),
            cancellationToken);

    private static async ValueTask<ProcessLease?> ReadLeaseAsync(NpgsqlConnection connection, PostgresTables tables, ProcessId id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(tables.GetLease, connection);
        command.Parameters.Add(IdParameter(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresRows.ReadLease(reader, id) : null;
    }
}
