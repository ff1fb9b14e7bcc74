using System;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;
using Processes.TestProcesses;
using Xunit;

namespace Processes.PostgreSQL.Tests;

/// <summary>
/// The runtime end to end on the PostgreSQL store: a process launched by one runtime, stopped
/// midway, and continued by a second runtime on another store instance (its own connection pool,
/// as on another machine) finishes with the outputs of an uninterrupted run.
/// </summary>
public sealed class RuntimeOnPostgresTests : IAsyncLifetime
{
    private readonly PostgresServer _server;
    private readonly string _schema = "e2e_" + Guid.NewGuid().ToString("N");
    private PostgresCheckpointStore? _launcherStore;
    private PostgresCheckpointStore? _continuerStore;

    public RuntimeOnPostgresTests(PostgresServer server)
    {
        _server = server;
        TestProcessCatalog.Register();
    }

    private static System.Threading.CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var options = new PostgresCheckpointStoreOptions { Schema = _schema };
        _launcherStore = await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(), options, Token);
        _continuerStore = await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(), options, Token);
    }

    [Fact]
    public async Task A_process_stopped_midway_is_continued_by_another_runtime_on_another_store_instance_with_the_right_outputs()
    {
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = _launcherStore, OwnerId = "machine-a" }))
        {
            var handle = await first.LaunchAsync(new RemoteSumOfSquares { Count = 6, ChildDelayMs = 100 });
            id = handle.Id;
            await UntilAsync(async () => (await _continuerStore!.ListAsync(CheckpointQuery.ForParent(id), Token)).Count >= 2);
            Assert.Equal("machine-a", (await _continuerStore!.GetLeaseAsync(id, Token))!.Owner);
        }

        // The first runtime stopped: its process is detached, its lease given back, its checkpoint kept.
        var stored = await _continuerStore!.LoadAsync(id, Token);
        Assert.NotNull(stored);
        Assert.False(stored.Info.State.IsTerminal());
        Assert.Null(await _continuerStore.GetLeaseAsync(id, Token));

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = _continuerStore, OwnerId = "machine-b" });
        var continued = await second.ContinueAsync<RemoteSumOfSquares>(id, Token);
        var result = await continued.WaitAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal(RemoteSumOfSquares.Expected(6), result.Total);
        Assert.Equal("sum of 6 squares", result.Summary);
    }

    [Fact]
    public async Task A_runtime_refuses_a_process_another_runtime_runs_from_another_store_instance()
    {
        await using var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = _launcherStore, OwnerId = "machine-a" });
        var handle = await first.LaunchAsync(new RemoteSumOfSquares { Count = 3 }, new LaunchOptions { StartPaused = true });

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = _continuerStore, OwnerId = "machine-b" });
        var refused = await Assert.ThrowsAsync<ProcessOwnedException>(async () => await second.ContinueAsync<RemoteSumOfSquares>(handle.Id, Token));
        Assert.Equal("machine-a", refused.Owner);

        await handle.PlayAsync();
        Assert.Equal(RemoteSumOfSquares.Expected(3), (await handle.WaitAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Token)).Total);
    }

    public async ValueTask DisposeAsync()
    {
        if (_launcherStore is not null)
        {
            await _launcherStore.DisposeAsync();
        }

        if (_continuerStore is not null)
        {
            await _continuerStore.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(20, Token);
        }
    }
}
