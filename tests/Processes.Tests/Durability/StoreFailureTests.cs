using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Durability;

/// <summary>A store failure is never a process failure: saves are retried, and a store that stays down detaches the process.</summary>
public sealed class StoreFailureTests
{
    private static readonly CheckpointSaveRetry Fast = new() { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private static string NewLedger() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Saves_that_fail_once_are_retried_and_the_process_finishes()
    {
        var store = new FaultyStore { FailingSaves = new[] { 2, 4, 5, 7 } };
        await using var runtime = new ProcessRuntime(new() { Store = store, SaveRetry = Fast });
        var ledger = NewLedger();

        var handle = await runtime.LaunchAsync(new LedgerSum { Count = 3, Ledger = ledger });
        var result = await handle.WaitAsync().Within();

        Assert.Equal(14, result.Total);
        Assert.InRange(store.FailedSaves, 2, 4);   // 2 always fails; a later number may be the retry of a failed checkpoint
        Assert.Equal(ProcessState.Finished, (await store.LoadAsync(handle.Id))!.Info.State);
    }

    [Fact]
    public async Task A_store_that_stays_down_detaches_the_process_and_its_last_good_checkpoint_continues_later()
    {
        var store = new FaultyStore();
        var ledger = NewLedger();
        ProcessId id;
        await using (var first = new ProcessRuntime(new() { Store = store, SaveRetry = Fast }))
        {
            Ledgers.HoldFirstCollect(ledger);
            var handle = await first.LaunchAsync(new LedgerSum { Count = 3, Ledger = ledger });
            id = handle.Id;
            // The first child's end is stored (the held Collect is next) before the disk fills up;
            // a child whose own final save fails is not done and runs again, by design.
            await UntilAsync(async () => (await store.Inner.ListAsync(CheckpointQuery.ForParent(id))).Count(info => info.State == ProcessState.Finished) == 1);
            store.Down = true;                      // the disk fills up while the first Collect runs
            Ledgers.Release(ledger);

            var error = await Assert.ThrowsAsync<ProcessDetachedException>(() => handle.WaitAsync().Within());
            Assert.Equal(id, error.ProcessId);
            // Whichever save hit the full disk first (the parent's or its child's), the cause is a save failure.
            var cause = error.InnerException;
            while (cause is ProcessDetachedException)
            {
                cause = cause.InnerException;
            }

            var saveFailure = Assert.IsType<CheckpointSaveFailedException>(cause);
            Assert.Equal(3, saveFailure.Attempts);
            Assert.Contains("No space left on device", saveFailure.Message);
        }

        // Nothing overwrote the last good checkpoint with a failure.
        var stored = (await store.Inner.LoadAsync(id))!;
        Assert.NotEqual(ProcessState.Excepted, stored.Info.State);
        Assert.False(stored.Info.State.IsTerminal());

        store.Down = false;                         // the disk has room again
        await using var second = new ProcessRuntime(new() { Store = store });
        var continued = await second.ContinueAsync<LedgerSum>(id);
        Assert.Equal(14, (await continued.WaitAsync().Within()).Total);
        Assert.Equal(1, Ledgers.Count(ledger, 1));
        Assert.Equal(1, Ledgers.Count(ledger, 2));
        Assert.Equal(1, Ledgers.Count(ledger, 3));
    }

    [Fact]
    public async Task A_child_whose_first_checkpoint_cannot_be_stored_detaches_its_parent_instead_of_failing_it()
    {
        var store = new ChildSavesFailStore();
        await using var runtime = new ProcessRuntime(new() { Store = store, SaveRetry = Fast });

        var handle = await runtime.LaunchAsync(new LedgerSum { Count = 1, Ledger = NewLedger() });

        var error = await Assert.ThrowsAsync<ProcessDetachedException>(() => handle.WaitAsync().Within());
        Assert.Equal(handle.Id, error.ProcessId);
        var stored = (await store.Inner.LoadAsync(handle.Id))!;
        Assert.False(stored.Info.State.IsTerminal());
        Assert.Empty(await store.Inner.ListAsync(CheckpointQuery.ForParent(handle.Id)));
    }

    /// <summary>Fails every save of a CountedSquare (the child of LedgerSum): its disk is full, its parent's is not.</summary>
    private sealed class ChildSavesFailStore : Runtime.ForwardingStore
    {
        public override ValueTask SaveAsync(Checkpoint checkpoint, System.Threading.CancellationToken cancellationToken = default) =>
            checkpoint.Info.ProcessName.EndsWith(nameof(CountedSquare), StringComparison.Ordinal)
                ? throw new System.IO.IOException("No space left on device")
                : base.SaveAsync(checkpoint, cancellationToken);
    }

    [Fact]
    public async Task A_failing_terminal_save_detaches_instead_of_reporting_an_end_that_was_not_stored()
    {
        var store = new FaultyStore();
        await using var runtime = new ProcessRuntime(new() { Store = store, SaveRetry = Fast });
        var ledger = NewLedger();
        store.Lose = null;
        Ledgers.HoldFirstCollect(ledger);
        var handle = await runtime.LaunchAsync(new LedgerSum { Count = 1, Ledger = ledger });
        await UntilAsync(async () => (await store.Inner.ListAsync(CheckpointQuery.ForParent(handle.Id))).Any(info => info.State == ProcessState.Finished));
        await Task.Delay(50);
        store.Down = true;
        Ledgers.Release(ledger);

        await Assert.ThrowsAsync<ProcessDetachedException>(() => handle.WaitAsync().Within());
        Assert.False((await store.Inner.LoadAsync(handle.Id))!.Info.State.IsTerminal());
    }

    [Fact]
    public async Task A_launch_whose_first_checkpoint_cannot_be_stored_throws_a_typed_error_and_starts_nothing()
    {
        var store = new FaultyStore { Down = true };
        await using var runtime = new ProcessRuntime(new() { Store = store, SaveRetry = Fast });
        var ledger = NewLedger();

        var error = await Assert.ThrowsAsync<CheckpointSaveFailedException>(async () => await runtime.LaunchAsync(new LedgerSum { Count = 2, Ledger = ledger }));
        Assert.Equal(3, error.Attempts);
        Assert.Empty(runtime.Processes);
        Assert.Equal(0, Ledgers.Count(ledger, 1));
    }

    [Fact]
    public async Task Stopping_a_runtime_while_processes_launch_children_fails_none_of_them()
    {
        var store = new InMemoryCheckpointStore();
        var runtime = NewRuntime(store);
        var ledger = NewLedger();
        for (var i = 0; i < 100; i++)
        {
            await runtime.LaunchAsync(new LedgerSum { Count = 200, Ledger = ledger });
        }

        await Task.Delay(30);
        await runtime.StopAsync();
        await Task.Delay(200);

        var infos = await store.ListAsync();
        Assert.DoesNotContain(infos, info => info.State == ProcessState.Excepted);
        Assert.Equal(100, infos.Count(info => info.ParentId is null));
    }
}
