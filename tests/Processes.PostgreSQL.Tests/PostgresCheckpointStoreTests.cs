using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;
using Processes.Tests.Checkpoints;

namespace Processes.PostgreSQL.Tests;

/// <summary>
/// The shared store contract, plus what only the PostgreSQL store has (in the other parts of this
/// class). Every test gets a schema of its own in the assembly's server, so tests run in parallel
/// without seeing each other's rows.
/// </summary>
public sealed partial class PostgresCheckpointStoreTests : CheckpointStoreTests
{
    private static readonly DateTimeOffset ClockStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PostgresServer _server;
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");
    private readonly List<PostgresCheckpointStore> _opened = new();

    public PostgresCheckpointStoreTests(PostgresServer server) => _server = server;

    private PostgresCheckpointStore PostgresStore => (PostgresCheckpointStore)Store;

    protected override ICheckpointStore CreateStore() => Open().AsTask().GetAwaiter().GetResult();

    private async ValueTask<PostgresCheckpointStore> Open(PostgresCheckpointStoreOptions? options = null)
    {
        options = (options ?? new PostgresCheckpointStoreOptions()) with { Schema = options?.Schema is null or "processes" ? _schema : options.Schema };
        var store = await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(), options, Token);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    /// <summary>Runs SQL on a connection of its own (outside any store), for arranging and inspecting rows.</summary>
    private async Task<object?> SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
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

        base.Dispose();
    }
}
