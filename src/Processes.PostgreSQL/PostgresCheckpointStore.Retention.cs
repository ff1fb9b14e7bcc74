using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Processes.PostgreSQL;

/// <summary>
/// Retention: purging the checkpoints of terminated processes. As in the SQLite store, the
/// automatic purge rides on saves rather than a timer: no background work outlives the store, and
/// the cost lands (once per <see cref="PostgresCheckpointStoreOptions.RetentionCheckInterval"/>
/// and store instance) on a caller that is writing anyway, after its own save has committed.
/// </summary>
public sealed partial class PostgresCheckpointStore
{
    // Ticks (UTC) before which no automatic purge runs; 0: due now.
    private long _nextPurgeTicks;

    /// <summary>
    /// Deletes the checkpoints of terminated processes (<see cref="ProcessState.Finished"/>,
    /// <see cref="ProcessState.Excepted"/>, <see cref="ProcessState.Killed"/>) saved more than
    /// <paramref name="olderThan"/> ago, with their history and leases, in one transaction.
    /// Returns how many processes were purged.
    /// </summary>
    public ValueTask<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        return WriteAsync(
            olderThan,
            static async (store, olderThan, connection, transaction, cancellationToken) =>
            {
                var cutoff = store._timeProvider.GetUtcNow() - olderThan;
                await using var command = new NpgsqlCommand(store._tables.Purge, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cutoff.UtcTicks });
                return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
            },
            cancellationToken);
    }

    // Runs the automatic purge when FinishedRetention is set and the interval has passed; one caller at a time wins the turn.
    private async ValueTask PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        if (_options.FinishedRetention is not { } retention)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now < due || Interlocked.CompareExchange(ref _nextPurgeTicks, now + _options.RetentionCheckInterval.Ticks, due) != due)
        {
            return;
        }

        try
        {
            await PurgeAsync(retention, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresCheckpointStoreException)
        {
            // The caller's save has committed; an unavailable database only postpones the purge to the next turn.
        }
        catch (OperationCanceledException)
        {
            // Likewise: the caller gave up waiting, not saving.
        }
    }
}
