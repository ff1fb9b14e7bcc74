using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;
using Processes.Tests.SharedStates;

namespace Processes.PostgreSQL.Tests;

/// <summary>
/// The shared-state store contract on <see cref="PostgresSharedStateStore"/>, plus what only it has
/// (in the other parts of this class). Every test gets a schema of its own in the assembly's
/// server; each <see cref="OpenStoreAsync"/> is another instance with its own connection pool, as
/// another machine would have.
/// </summary>
public sealed partial class PostgresSharedStateStoreTests : SharedStateStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(2));

    private readonly PostgresServer _server;
    private readonly string _schema = "s_" + Guid.NewGuid().ToString("N");
    private readonly List<IDisposable> _opened = new();

    public PostgresSharedStateStoreTests(PostgresServer server) => _server = server;

    private static System.Threading.CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    protected override async ValueTask<ISharedStateStore> OpenStoreAsync() => await Open();

    private async ValueTask<PostgresSharedStateStore> Open(PostgresSharedStateStoreOptions? options = null)
    {
        var store = await PostgresSharedStateStore.OpenAsync(_server.ConnectionString(), (options ?? new PostgresSharedStateStoreOptions()) with { Schema = _schema }, Token);
        Track(store);
        return store;
    }

    private void Track(IDisposable store)
    {
        lock (_opened)
        {
            _opened.Add(store);
        }
    }

    /// <summary>Runs SQL on a connection of its own (outside any store), for arranging and inspecting rows.</summary>
    private async Task<object?> SqlAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(Token);
    }

    public override void Dispose()
    {
        lock (_opened)
        {
            foreach (var store in _opened)
            {
                store.Dispose();
            }
        }

        try
        {
            SqlAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // Best effort: the cluster is deleted at the end of the run anyway.
        }
    }
}
