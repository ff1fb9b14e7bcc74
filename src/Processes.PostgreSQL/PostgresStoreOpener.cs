using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Processes.PostgreSQL;

/// <summary>
/// The open both PostgreSQL stores run: parse the connection string, name the endpoint, build the
/// data source, create the store over it, then let the store prepare its tables (through its own
/// retrying runner, so failures come out as its typed exception). A store whose open fails is
/// disposed, so its connection pool does not outlive the failed open.
/// </summary>
internal static class PostgresStoreOpener
{
    /// <summary>Opens a store: its data source and endpoint from the connection string, then <paramref name="prepare"/>.</summary>
    /// <param name="connectionString">The caller's Npgsql connection string.</param>
    /// <param name="schema">The store's schema, for its endpoint.</param>
    /// <param name="tablePrefix">The store's table prefix, for its endpoint.</param>
    /// <param name="create">Creates the store over the data source and the endpoint.</param>
    /// <param name="prepare">Brings the store's tables up to date (see <see cref="PostgresSchema.EnsureAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no host.</exception>
    public static async ValueTask<TStore> OpenAsync<TStore>(
        string connectionString, string schema, string tablePrefix, Func<NpgsqlDataSource, string, TStore> create, Func<TStore, CancellationToken, ValueTask> prepare, CancellationToken cancellationToken)
        where TStore : IAsyncDisposable
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = PostgresConnections.Parse(connectionString);
        var endpoint = PostgresConnections.Endpoint(builder, schema, tablePrefix);
        var store = create(PostgresConnections.BuildDataSource(builder), endpoint);
        try
        {
            await prepare(store, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
