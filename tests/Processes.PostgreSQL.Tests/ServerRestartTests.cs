using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.TestProcesses;
using Xunit;

namespace Processes.PostgreSQL.Tests;

/// <summary>A cluster of <see cref="ServerRestartTests"/>' own (a class fixture): they stop and start it, which the shared one must not see.</summary>
public sealed class RestartableServer : PostgresCluster, IAsyncLifetime
{
}

/// <summary>
/// The server stops and starts again under a store and a runtime, on a private cluster (the tests
/// of one class run one after the other, so they share it). Every test leaves it running.
/// </summary>
public sealed partial class ServerRestartTests : IClassFixture<RestartableServer>
{
    private static readonly PostgresCheckpointStoreOptions Options = new() { TransientRetries = 1, TransientRetryDelay = TimeSpan.FromMilliseconds(50) };

    private readonly RestartableServer _server;

    public ServerRestartTests(RestartableServer server)
    {
        _server = server;
        TestProcessCatalog.Register();
    }

    private static System.Threading.CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_server_is_down_operations_fail_with_a_transient_store_error_and_afterwards_the_same_store_works_without_loss()
    {
        await using var store = await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(), Options with { Schema = "restart_" + Guid.NewGuid().ToString("N") }, Token);
        var id = ProcessId.New();
        var lease = await store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        var before = Sample(id, "before") with { FencingToken = lease.FencingToken };
        await store.SaveAsync(before, Token);

        await _server.StopAsync();
        var saveError = await Assert.ThrowsAsync<PostgresCheckpointStoreException>(async () =>
            await store.SaveAsync(Sample(id, "during") with { FencingToken = lease.FencingToken }, Token));
        Assert.True(saveError.IsTransient, saveError.ToString());
        Assert.Contains("127.0.0.1", saveError.Message, StringComparison.Ordinal);
        var loadError = await Assert.ThrowsAsync<PostgresCheckpointStoreException>(async () => await store.LoadAsync(id, Token));
        Assert.True(loadError.IsTransient);
        await Assert.ThrowsAsync<PostgresCheckpointStoreException>(async () => await store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token));

        await _server.StartAsync();
        var loaded = await store.LoadAsync(id, Token);
        Assert.Equal(new[] { "before" }, loaded!.Info.Tags);
        Assert.Equal(lease, await store.GetLeaseAsync(id, Token));
        var after = Sample(id, "after") with { FencingToken = lease.FencingToken };
        await store.SaveAsync(after, Token);
        Assert.Equal(new[] { "after" }, (await store.LoadAsync(id, Token))!.Info.Tags);
        Assert.Equal(new long[] { 2, 1 }, (await store.ListHistoryAsync(id, Token)).Select(info => info.Sequence));
    }

    [Fact]
    public async Task A_server_restart_while_a_process_runs_loses_nothing_and_the_process_ends_with_the_right_outputs()
    {
        await using var store = await PostgresCheckpointStore.OpenAsync(_server.ConnectionString(), Options with { Schema = "restart_" + Guid.NewGuid().ToString("N") }, Token);
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, OwnerId = "machine-a" });
        var handle = await runtime.LaunchAsync(new RemoteSumOfSquares { Count = 8, ChildDelayMs = 150 });
        while ((await store.ListAsync(CheckpointQuery.ForParent(handle.Id), Token)).Count < 2)
        {
            await Task.Delay(20, Token);
        }

        await _server.StopAsync();
        await Task.Delay(300, Token);
        await _server.StartAsync();

        // The runtime's save retries usually ride the restart out; if they gave up first, the
        // process is detached with its last good checkpoint, and a continue finishes it.
        RemoteSumOfSquares result;
        try
        {
            result = await handle.WaitAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Token);
            TestContext.Current.TestOutputHelper?.WriteLine("The runtime's retries rode the restart out.");
        }
        catch (ProcessDetachedException detached)
        {
            TestContext.Current.TestOutputHelper?.WriteLine("Detached, continued by a second runtime: " + detached.Message);
            await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, OwnerId = "machine-b" });
            var continued = await second.ContinueAsync<RemoteSumOfSquares>(handle.Id, new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(30) }, Token);
            result = await continued.WaitAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Token);
        }

        Assert.Equal(RemoteSumOfSquares.Expected(8), result.Total);
    }

    private static Checkpoint Sample(ProcessId id, string tag) =>
        new(new CheckpointInfo(id, "Samples.Relax", ProcessState.Waiting, false, new[] { tag }, DateTimeOffset.UtcNow), new byte[] { 1, 2, 3 });
}
