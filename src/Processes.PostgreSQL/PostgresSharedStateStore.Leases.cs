using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;

namespace Processes.PostgreSQL;

/// <summary>
/// Ownership of shared states: leases kept in the <c>shared_state_leases</c> table, each grant one
/// conditional upsert (see <see cref="PostgresSharedStateTables.Acquire"/>) decided on the lease
/// row, so grants by different store instances, processes or machines exclude each other. Each
/// operation is idempotent, so a transient failure is retried.
/// </summary>
public sealed partial class PostgresSharedStateStore
{
    /// <inheritdoc />
    public ValueTask<SharedStateLease?> AcquireOwnershipAsync(string stateName, string key, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        CheckAddress(stateName, key);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        PostgresRows.CheckText(owner, "owner", nameof(owner));
        LeaseRules.ValidateDuration(duration);
        return RunAsync<(string stateName, string key, string owner, TimeSpan duration), SharedStateLease?>(
            new Target(stateName, key, _sql.Tables.SharedStateLeases),
            (stateName, key, owner, duration),
            static async (store, request, connection, cancellationToken) =>
            {
                while (true)
                {
                    var now = store._options.TimeProvider.GetUtcNow();
                    await using (var command = new NpgsqlCommand(store._sql.Acquire, connection))
                    {
                        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.stateName });
                        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.key });
                        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.owner });
                        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (now + request.duration).UtcTicks });
                        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.UtcTicks });
                        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            return ReadLease(reader, request.stateName, request.key);
                        }
                    }

                    // Refused: another owner's live lease. Name it; if it was given back in the meantime, ask again.
                    if (await ReadLeaseAsync(connection, store._sql, request.stateName, request.key, cancellationToken).ConfigureAwait(false) is { } current)
                    {
                        throw new SharedStateOwnedException(request.stateName, request.key, current.Owner, current.ExpiresAt);
                    }
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseOwnershipAsync(SharedStateLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        CheckAddress(lease.StateName, lease.Key);
        await RunAsync(
            new Target(lease.StateName, lease.Key, _sql.Tables.SharedStateLeases),
            lease,
            static async (store, lease, connection, cancellationToken) =>
            {
                // Only the exact current lease is removed; the token sequence keeps later grants greater.
                await using var command = new NpgsqlCommand(store._sql.Release, connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.StateName });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.Key });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lease.FencingToken });
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current lease of a state (possibly expired, until someone takes it over), or null when nobody holds one.</summary>
    public ValueTask<SharedStateLease?> GetOwnershipAsync(string stateName, string key, CancellationToken cancellationToken = default)
    {
        CheckAddress(stateName, key);
        return RunAsync(
            new Target(stateName, key, _sql.Tables.SharedStateLeases),
            (stateName, key),
            static (store, address, connection, cancellationToken) => ReadLeaseAsync(connection, store._sql, address.stateName, address.key, cancellationToken),
            cancellationToken);
    }

    private static async ValueTask<SharedStateLease?> ReadLeaseAsync(NpgsqlConnection connection, PostgresSharedStateTables sql, string stateName, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql.GetLease, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadLease(reader, stateName, key) : null;
    }

    private static SharedStateLease ReadLease(NpgsqlDataReader reader, string stateName, string key) =>
        new(stateName, key, reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero));
}
