using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Processes.Sqlite;

/// <summary>
/// Retention: purging the checkpoints of terminated processes. The automatic purge piggy-backs
/// on saves rather than a timer: a store that saves nothing creates nothing new to purge, no
/// background thread outlives the store, and the cost lands (once per
/// <see cref="SqliteCheckpointStoreOptions.RetentionCheckInterval"/>) on a caller that is
/// writing anyway, after its own save has committed.
/// </summary>
public sealed partial class SqliteCheckpointStore
{
    // Ticks (UTC) before which no automatic purge runs; 0: due now.
    private long _nextPurgeTicks;

    /// <summary>
    /// Deletes the checkpoints of terminated processes (<see cref="ProcessState.Finished"/>,
    /// <see cref="ProcessState.Excepted"/>, <see cref="ProcessState.Killed"/>) saved more than
    /// <paramref name="olderThan"/> ago, with their history, tags and leases, in one transaction.
    /// Returns how many processes were purged.
    /// </summary>
    public ValueTask<int> PurgeAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        return WriteAsync(
            olderThan,
            static async (store, olderThan, connection, cancellationToken) =>
            {
                var cutoff = store._timeProvider.GetUtcNow() - olderThan;

                // The checkpoints rows go last: the other statements find their ids through them
                // (the checkpoints_by_state index serves each subquery).
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    DELETE FROM tags WHERE id IN (SELECT id FROM checkpoints WHERE state IN ($finished, $excepted, $killed) AND saved_at_ticks < $cutoff);
                    DELETE FROM history WHERE id IN (SELECT id FROM checkpoints WHERE state IN ($finished, $excepted, $killed) AND saved_at_ticks < $cutoff);
                    DELETE FROM leases WHERE id IN (SELECT id FROM checkpoints WHERE state IN ($finished, $excepted, $killed) AND saved_at_ticks < $cutoff);
                    DELETE FROM checkpoints WHERE state IN ($finished, $excepted, $killed) AND saved_at_ticks < $cutoff;
                    SELECT changes();
                    """;
                command.Parameters.AddWithValue("$finished", (int)ProcessState.Finished);
                command.Parameters.AddWithValue("$excepted", (int)ProcessState.Excepted);
                command.Parameters.AddWithValue("$killed", (int)ProcessState.Killed);
                command.Parameters.AddWithValue("$cutoff", SqliteRows.Ticks(cutoff));
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
        catch (SqliteException)
        {
            // The caller's save has committed; a busy file only postpones the purge to the next turn.
        }
        catch (OperationCanceledException)
        {
            // Likewise: the caller gave up waiting, not saving.
        }
    }
}
