using System;
using System.IO;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Remote.Protocol;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// What a remote client of shared states is told when the worker cannot serve it: another runtime
/// owns the state (typed, with the owner), the worker predates a feature (refused on the client,
/// nothing sent), or the worker does not know the state class or operation (typed).
/// </summary>
public sealed class SharedStateErrorTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "prt-shared-errors-" + Guid.NewGuid().ToString("N"));

    private static async Task<(ProcessRuntime Runtime, ProcessWorker Worker)> StartWorkerAsync(SharedStateOptions? states = null, WorkerFeatures features = WorkerFeatures.All, ProcessRegistry? registry = null)
    {
        TestProcessCatalog.Register();
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { SharedStates = states, Registry = registry ?? ProcessRegistry.Global });
        var worker = new ProcessWorker(runtime, new ProcessWorkerOptions { PipeName = WorkerProcess.NewPipeName(), Features = features });
        await worker.StartAsync();
        return (runtime, worker);
    }

    private static Task<ProcessClient> ConnectAsync(ProcessWorker worker) =>
        ProcessClient.ConnectAsync(worker.Options.PipeName, new ProcessClientOptions { ConnectTimeout = WorkerProcess.Timeout });

    [Fact]
    public async Task A_state_another_runtime_owns_is_refused_with_a_typed_SharedStateOwnedException_naming_the_owner()
    {
        await using var owner = new ProcessRuntime(new ProcessRuntimeOptions { SharedStates = new() { Store = new FileSharedStateStore(_store), OwnerId = "elsewhere", LeaseDuration = TimeSpan.FromMinutes(1) } });
        await owner.SharedStates.UpdateAsync<RemoteTally>("taken", tally => tally.Count = 7);

        var (runtime, worker) = await StartWorkerAsync(new SharedStateOptions { Store = new FileSharedStateStore(_store), OwnerId = "worker" });
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ConnectAsync(worker).Within();

        var read = await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await client.SharedStates.GetAsync<RemoteTally>("taken").Within());
        Assert.Equal(("tests.remote-tally", "taken", "elsewhere"), (read.StateName, read.Key, read.Owner));
        Assert.NotNull(read.ExpiresAt);
        Assert.InRange(read.ExpiresAt!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2));

        var applied = await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await client.SharedStates.UpdateAsync("taken", RemoteTally.Operations.Add(1, "no")).Within());
        Assert.Equal("elsewhere", applied.Owner);
        var watched = await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await client.SharedStates.WaitForChangeAsync<RemoteTally>("taken").Within());
        Assert.Equal("taken", watched.Key);

        // The connection goes on, and nothing was written.
        await client.SharedStates.UpdateAsync<RemoteTally>("free", tally => tally.Count++).Within();
        Assert.Equal(7, (await owner.SharedStates.GetAsync<RemoteTally>("taken")).State.Count);
    }

    [Fact]
    public async Task A_worker_that_predates_operations_or_shared_states_is_refused_on_the_client_with_NotSupportedException()
    {
        var (runtime, worker) = await StartWorkerAsync(features: WorkerFeatures.All & ~WorkerFeatures.SharedStateOperations);
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ConnectAsync(worker).Within();

        await Assert.ThrowsAsync<NotSupportedException>(async () => await client.SharedStates.UpdateAsync("old", RemoteTally.Operations.Add(1, "op")));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await client.SharedStates.UpdateAsync("old", RemoteTally.Operations.Fail("op")));
        Assert.Equal(1, await client.SharedStates.UpdateAsync<RemoteTally>("old", tally => tally.Count++).Within());   // delegates still work
        Assert.Equal(1, (await runtime.SharedStates.GetAsync<RemoteTally>("old")).Version);

        var (olderRuntime, olderWorker) = await StartWorkerAsync(features: WorkerFeatures.TraceContext);
        await using var ___ = olderRuntime;
        await using var ____ = olderWorker;
        await using var older = await ConnectAsync(olderWorker).Within();
        await Assert.ThrowsAsync<NotSupportedException>(async () => await older.SharedStates.GetAsync<RemoteTally>("old"));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await older.SharedStates.UpdateAsync("old", RemoteTally.Operations.Add(1, "op")));
    }

    [Fact]
    public async Task An_operation_of_a_state_class_the_worker_does_not_know_fails_typed_and_changes_nothing()
    {
        // The worker knows version 1 of the ledger (registered by hand); the client also sends version 2's operation, and one of a class it never registered.
        var registry = HiddenSharedStates.RegisterLedgerV1(new ProcessRegistry());
        var (runtime, worker) = await StartWorkerAsync(registry: registry);
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ConnectAsync(worker).Within();
        Assert.False(ProcessRegistry.Global.IsSharedStateRegistered(HiddenSharedStates.UnregisteredName));

        var unregistered = await Assert.ThrowsAsync<SharedStateOperationNotFoundException>(async () => await HiddenSharedStates.AddToUnregisteredAsync(client.SharedStates, "k", 1).AsTask().Within());
        Assert.Equal((HiddenSharedStates.UnregisteredName, "Add", false), (unregistered.StateName, unregistered.Operation, unregistered.StateRegistered));
        Assert.Contains("not registered", unregistered.Message);

        Assert.Equal(5, await HiddenSharedStates.AddToLedgerAsync(client.SharedStates, "k", 5).AsTask().Within());
        var missing = await Assert.ThrowsAsync<SharedStateOperationNotFoundException>(async () => await HiddenSharedStates.CloseLedgerAsync(client.SharedStates, "k").AsTask().Within());
        Assert.Equal((HiddenSharedStates.LedgerName, "Close", true), (missing.StateName, missing.Operation, missing.StateRegistered));

        Assert.Equal(1, await HiddenSharedStates.LedgerVersionAsync(client.SharedStates, "k"));
        Assert.Equal(0, await HiddenSharedStates.UnregisteredVersionAsync(runtime.SharedStates, "k"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }
}
