using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Processes.Sqlite;

/// <summary>
/// A <c>BEGIN IMMEDIATE</c> transaction: it takes SQLite's write lock when it starts (waiting up to
/// the busy timeout), so a read-check-write sequence sees no other writer's change in between,
/// whichever connection, store instance or OS process that writer is. Rolls back unless committed.
/// </summary>
internal sealed class SqliteTransactionScope : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private bool _open = true;

    private SqliteTransactionScope(SqliteConnection connection) => _connection = connection;

    public static async ValueTask<SqliteTransactionScope> BeginImmediateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "BEGIN IMMEDIATE;", cancellationToken).ConfigureAwait(false);
        return new SqliteTransactionScope(connection);
    }

    /// <summary>Commits. It takes no cancellation token: once the work is done, the commit is never abandoned half way.</summary>
    public async ValueTask CommitAsync()
    {
        await ExecuteAsync(_connection, "COMMIT;", CancellationToken.None).ConfigureAwait(false);
        _open = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_open)
        {
            _open = false;
            // A failed statement may already have ended the transaction; ROLLBACK is only sent while one is open.
            if (!_connection.State.Equals(System.Data.ConnectionState.Open))
            {
                return;
            }

            try
            {
                await ExecuteAsync(_connection, "ROLLBACK;", CancellationToken.None).ConfigureAwait(false);
            }
            catch (SqliteException)
            {
                // No transaction is active any more (SQLite rolled it back itself); nothing was committed.
            }
        }
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
