using System;
using System.IO;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Runtime;
using Processes.Serialization;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// docs/concepts/durability.md across the pipe: a real worker on a file store refuses what the
/// in-process runtime refuses, with the same typed exceptions, honours continue options, and
/// keeps no checkpoints of successful runs.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "prt-store-" + Guid.NewGuid().ToString("N"));

    public DurabilityTests() => TestProcessCatalog.Register();

    [Fact]
    public async Task A_continue_of_a_process_another_runtime_owns_throws_ProcessOwnedException_naming_that_owner()
    {
        ProcessId id;
        await using (var first = await WorkerProcess.StartAsync(store: _store))
        {
            await using var launcher = await first.ConnectAsync().Within();
            id = (await launcher.LaunchAsync(new RemoteSumOfSquares { Count = 3 }, new LaunchOptions { StartPaused = true }).Within()).Id;
        }

        // The first worker stopped and gave its lease back; a runtime in this test process takes the process over.
        await using var owner = NewRuntime("remote-tests/owner-" + Guid.NewGuid().ToString("N"));
        var owned = await owner.ContinueAsync(id).Within();
        Assert.True(owned.Status.Paused);

        await using var second = await WorkerProcess.StartAsync(store: _store);
        await using var client = await second.ConnectAsync().Within();
        var error = await Assert.ThrowsAsync<ProcessOwnedException>(async () => await client.ContinueAsync<RemoteSumOfSquares>(id)).Within();
        var waited = await Assert.ThrowsAsync<ProcessOwnedException>(async () => await client.ContinueAndWaitAsync<RemoteSumOfSquares>(id)).Within();

        Assert.Equal(id, error.ProcessId);
        Assert.Equal(owner.OwnerId, error.Owner);
        Assert.True(error.ExpiresAt > DateTimeOffset.UtcNow, $"The lease should still run: {error.ExpiresAt:O}");
        Assert.Equal(owner.OwnerId, waited.Owner);
        Assert.True(owner.TryGetProcess(id, out _), "The refused continue must not disturb the owner.");
    }

    [Fact]
    public async Task A_remote_continue_that_waits_for_the_owner_takes_the_process_once_the_owner_lets_go()
    {
        var owner = NewRuntime("remote-tests/owner-" + Guid.NewGuid().ToString("N"));
        ProcessId id;
        try
        {
            id = (await owner.LaunchAsync(new RemoteSumOfSquares { Count = 4 }, new LaunchOptions { StartPaused = true })).Id;

            await using var worker = await WorkerProcess.StartAsync(store: _store);
            await using var client = await worker.ConnectAsync().Within();
            var continuing = client.ContinueAsync<RemoteSumOfSquares>(id, new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(15) }).AsTask();
            await Task.Delay(500);
            Assert.False(continuing.IsCompleted, $"The continue should wait for the owner: {(continuing.IsFaulted ? continuing.Exception : continuing.Status)}");

            await owner.StopAsync();
            var handle = await continuing.Within();
            Assert.Equal(id, handle.Id);
            await handle.PlayAsync().Within();
            var result = await handle.WaitAsync().Within();

            Assert.Equal(RemoteSumOfSquares.Expected(4), result.Total);
            Assert.Equal(ProcessState.Finished, (await client.GetStatusAsync(id).Within()).State);
        }
        finally
        {
            await owner.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_checkpoint_of_another_outline_throws_OutlineVersionMismatchException_with_both_fingerprints()
    {
        var id = await StoredPausedAsync(new RemoteSumOfSquares { Count = 3 });
        await RewriteAsync(id, (snapshot, sections) => (snapshot with { OutlineFingerprint = "0123456789abcdef" }, sections));
        var current = TestKit.DescriptorOf<RemoteSumOfSquares>().OutlineFingerprint;

        await using var worker = await WorkerProcess.StartAsync(store: _store);
        await using var client = await worker.ConnectAsync().Within();
        var error = await Assert.ThrowsAsync<OutlineVersionMismatchException>(async () => await client.ContinueAsync<RemoteSumOfSquares>(id)).Within();

        Assert.Equal(id, error.ProcessId);
        Assert.Equal(TestKit.DescriptorOf<RemoteSumOfSquares>().Name, error.ProcessName);
        Assert.Equal("0123456789abcdef", error.StoredFingerprint);
        Assert.Equal(current, error.CurrentFingerprint);
        Assert.Null(error.Reason);
        Assert.Contains("[OutlineMigration(\"0123456789abcdef\")]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_with_inputs_that_break_the_port_rules_throws_CheckpointCorruptedException_InvalidInputs()
    {
        var id = await StoredPausedAsync(new RemoteSumOfSquares { Count = 3 });
        await RewriteAsync(id, (snapshot, sections) =>
        {
            using var inputs = new ProcessWriter(64);
            TestKit.DescriptorOf<RemoteSumOfSquares>().WriteInputs(new RemoteSumOfSquares { Count = 5000 }, inputs);  // [Range(0, 100)]
            return (snapshot, sections with { Inputs = inputs.ToArray() });
        });

        await using var worker = await WorkerProcess.StartAsync(store: _store);
        await using var client = await worker.ConnectAsync().Within();
        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await client.ContinueAndWaitAsync<RemoteSumOfSquares>(id)).Within();

        Assert.Equal(CheckpointCorruptionKind.InvalidInputs, error.Kind);
        Assert.Contains(id.ToString(), error.Location, StringComparison.Ordinal);
        Assert.Contains("inputs.count", error.Reason, StringComparison.Ordinal);
        Assert.Null(await new FileCheckpointStore(_store).GetLeaseAsync(id));   // the refused continue gave its lease back
    }

    [Fact]
    public async Task Remote_runs_that_succeed_leave_no_checkpoints_of_their_own_or_of_their_children()
    {
        await using var worker = await WorkerProcess.StartAsync(store: _store);
        await using var client = await worker.ConnectAsync().Within();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(RemoteSumOfSquares.Expected(3), (await client.RunAsync(new RemoteSumOfSquares { Count = 3 }).Within()).Total);
        }

        Assert.Equal(49, (await client.RunAsync(new RemoteSquare { X = 7 }).Within()).Result);     // the inline path for tasks
        await TestKit.Until(() => Task.FromResult(CheckpointFiles()), count => count == 0);

        // A launch the caller only later waits for is not a run: it keeps its checkpoints, like LaunchAsync in process.
        var launched = await client.LaunchAsync(new RemoteSumOfSquares { Count = 2 }).Within();
        await launched.WaitAsync().Within();
        var kept = await new FileCheckpointStore(_store).ListAsync();
        Assert.Equal(3, kept.Count);
        Assert.All(kept, info => Assert.True(info.Id == launched.Id || info.ParentId == launched.Id, $"{info} is not the launched process's."));
    }

    [Fact]
    public async Task A_worker_whose_runtime_keeps_finished_runs_keeps_their_checkpoints()
    {
        await using var worker = await WorkerProcess.StartAsync(store: _store, keepFinishedRuns: true);
        await using var client = await worker.ConnectAsync().Within();
        for (var i = 0; i < 2; i++)
        {
            await client.RunAsync(new RemoteSumOfSquares { Count = 3 }).Within();
        }

        var kept = await new FileCheckpointStore(_store).ListAsync();
        Assert.Equal(2 * (1 + 3), kept.Count);
        Assert.All(kept, info => Assert.Equal(ProcessState.Finished, info.State));
    }

    [Fact]
    public async Task The_in_process_client_runs_by_the_same_rule()
    {
        var store = new InMemoryCheckpointStore();
        await using (var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            IProcessClient client = runtime;
            await client.RunAsync(new RemoteSumOfSquares { Count = 3 }).Within();
            await client.RunAsync(new RemoteSumOfSquares { Count = 3 }, new TestKit.StatusRecorder()).Within();
            Assert.Equal(0, store.Count);
        }

        var keeping = new InMemoryCheckpointStore();
        await using (var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = keeping, KeepCheckpointsOfFinishedRuns = true }))
        {
            await runtime.RunAsync(new RemoteSumOfSquares { Count = 3 }).Within();
            Assert.Equal(1 + 3, keeping.Count);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    private ProcessRuntime NewRuntime(string ownerId) =>
        new(new ProcessRuntimeOptions { Store = new FileCheckpointStore(_store), OwnerId = ownerId });

    private int CheckpointFiles() => Directory.GetFiles(_store, "*" + FileCheckpointStore.FileExtension).Length;

    /// <summary>Launches a process paused in a runtime of this test process and stops that runtime: its checkpoint is free to continue.</summary>
    private async Task<ProcessId> StoredPausedAsync<TProcess>(TProcess process)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        await using var runtime = NewRuntime("remote-tests/launcher");
        return (await runtime.LaunchAsync(process, new LaunchOptions { StartPaused = true })).Id;
    }

    /// <summary>Rewrites a stored checkpoint with a valid envelope and checksums, as a hand edit or another build would.</summary>
    private async Task RewriteAsync(
        ProcessId id, Func<ProcessSnapshot, CheckpointEnvelope.Sections, (ProcessSnapshot Snapshot, CheckpointEnvelope.Sections Sections)> rewrite)
    {
        var store = new FileCheckpointStore(_store);
        var stored = (await store.LoadAsync(id))!;
        var (snapshot, sections) = CheckpointEnvelope.Read(stored.Data, "test");
        var (newSnapshot, newSections) = rewrite(snapshot, sections);
        using var data = new ProcessWriter(256);
        CheckpointEnvelope.Write(data, newSnapshot with { Paused = false }, newSections);
        await store.SaveAsync(stored with { Data = data.ToArray(), FencingToken = null });
    }
}
