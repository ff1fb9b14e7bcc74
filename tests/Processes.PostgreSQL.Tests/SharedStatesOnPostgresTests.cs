using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.TestProcesses;
using Xunit;

namespace Processes.PostgreSQL.Tests;

/// <summary>
/// Runtimes whose shared states live in PostgreSQL (<see cref="SharedStateOptions.Store"/>): atomic
/// updates from many tasks, a new owner that sees every acknowledged update, one owner at a time.
/// Each runtime has a store instance of its own (its own connection pool, as on another machine).
/// </summary>
public sealed class SharedStatesOnPostgresTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    private readonly PostgresServer _server;
    private readonly string _schema = "rs_" + Guid.NewGuid().ToString("N");
    private readonly System.Collections.Generic.List<PostgresSharedStateStore> _opened = new();

    public SharedStatesOnPostgresTests(PostgresServer server)
    {
        _server = server;
        TestProcessCatalog.Register();
    }

    private static System.Threading.CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task<PostgresSharedStateStore> OpenStoreAsync()
    {
        var store = await PostgresSharedStateStore.OpenAsync(_server.ConnectionString(), new PostgresSharedStateStoreOptions { Schema = _schema }, Token);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    private async Task<ProcessRuntime> NewRuntimeAsync(string owner) =>
        new(new ProcessRuntimeOptions { OwnerId = owner, SharedStates = new SharedStateOptions { Store = await OpenStoreAsync(), LeaseDuration = Lease } });

    [Fact]
    public async Task Concurrent_updaters_in_many_tasks_end_with_the_exact_count()
    {
        await using var runtime = await NewRuntimeAsync("machine-a");
        var tasks = Enumerable.Range(0, 8).Select(_ => runtime.RunAsync(new IncrementTally { Key = "census", Times = 25 }).AsTask()).ToArray();
        var lasts = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60), Token);

        var final = await runtime.SharedStates.GetAsync<RemoteTally>("census", Token);
        Assert.Equal((200L, 200L), (final.State.Count, final.Version));
        Assert.Contains(200L, lasts.Select(last => last.Last));
        var stored = await (await OpenStoreAsync()).LoadAsync(StateNameOf<RemoteTally>(), "census", Token);
        Assert.Equal(200, stored!.Version);
    }

    [Fact]
    public async Task A_new_owner_sees_every_acknowledged_update_after_the_first_runtime_is_gone()
    {
        // Stopped: its leases are given back, the new owner takes over at once.
        var first = await NewRuntimeAsync("machine-a");
        for (var i = 0; i < 30; i++)
        {
            await first.SharedStates.UpdateAsync<RemoteTally>("handover", tally => tally.Count++, Token);
        }

        await first.DisposeAsync();
        await using (var second = await NewRuntimeAsync("machine-b"))
        {
            var seen = await second.SharedStates.GetAsync<RemoteTally>("handover", Token);
            Assert.Equal((30L, 30L), (seen.State.Count, seen.Version));
        }

        // Gone without any cleanup (its store's connections closed, as when its machine dies, and
        // the runtime never stopped): the new owner waits out the lease and loses nothing acknowledged.
        var crashedStore = await OpenStoreAsync();
        var crashed = new ProcessRuntime(new ProcessRuntimeOptions { OwnerId = "machine-c", SharedStates = new SharedStateOptions { Store = crashedStore, LeaseDuration = Lease } });
        var acknowledged = 0L;
        for (var i = 0; i < 20; i++)
        {
            acknowledged = await crashed.SharedStates.UpdateAsync<RemoteTally, long>("handover", tally => ++tally.Count, Token);
        }

        await crashedStore.DisposeAsync();
        await using var third = await NewRuntimeAsync("machine-d");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                var state = await third.SharedStates.GetAsync<RemoteTally>("handover", Token);
                Assert.Equal((acknowledged, 50L), (state.State.Count, state.Version));
                break;
            }
            catch (SharedStateOwnedException owned) when (DateTime.UtcNow < deadline)
            {
                Assert.Equal("machine-c", owned.Owner);
                await Task.Delay(100, Token);
            }
        }

        Assert.Equal(50L, acknowledged);
        await crashed.DisposeAsync();   // its lease is gone already; giving it back fails quietly (logged)
    }

    [Fact]
    public async Task A_concurrent_owner_is_refused_while_the_first_holds_the_lease()
    {
        await using var first = await NewRuntimeAsync("machine-a");
        await using var second = await NewRuntimeAsync("machine-b");
        await first.SharedStates.UpdateAsync<RemoteTally>("owned", tally => tally.Count++, Token);

        // Held by the first's background keeper well past one lease duration.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var refused = await Assert.ThrowsAsync<SharedStateOwnedException>(async () =>
                await second.SharedStates.UpdateAsync<RemoteTally>("owned", tally => tally.Count += 100, Token));
            Assert.Equal(("owned", "machine-a"), (refused.Key, refused.Owner));
            await Task.Delay(Lease * 0.6, Token);
        }

        Assert.Equal(2, await first.SharedStates.UpdateAsync<RemoteTally>("owned", tally => tally.Count++, Token));
        Assert.Equal(2, (await first.SharedStates.GetAsync<RemoteTally>("owned", Token)).State.Count);
        Assert.Equal(1, await second.SharedStates.UpdateAsync<RemoteTally>("free", tally => tally.Count++, Token));
    }

    private static string StateNameOf<TState>()
        where TState : class, ISharedState<TState> => TState.StateName;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(_server.ConnectionString());
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (Npgsql.NpgsqlException)
        {
            // Best effort: the cluster is deleted at the end of the run anyway.
        }
    }
}
