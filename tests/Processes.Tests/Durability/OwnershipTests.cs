using System;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Durability;

/// <summary>At most one runtime runs a process: leases, the "owned by" answer, takeover after a crash, and fencing of a stalled owner.</summary>
public sealed class OwnershipTests
{
    private static string NewLedger() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_second_runtime_continuing_an_owned_process_gets_owned_by_and_can_wait_for_it()
    {
        var store = new InMemoryCheckpointStore();
        var ledger = NewLedger();
        var first = NewRuntime(store);
        await using var second = NewRuntime(store);
        Ledgers.HoldFirstCollect(ledger);
        var handle = await first.LaunchAsync(new LedgerSum { Count = 2, Ledger = ledger });
        await UntilAsync(async () => (await store.ListAsync(CheckpointQuery.ForParent(handle.Id))).Count == 1);

        var owned = await Assert.ThrowsAsync<ProcessOwnedException>(async () => await second.ContinueAsync(handle.Id));
        Assert.Equal(first.OwnerId, owned.Owner);
        Assert.Equal(handle.Id, owned.ProcessId);

        var waiting = second.ContinueAsync(handle.Id, new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(20) });
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        await first.StopAsync();                    // gives the lease back at once
        Ledgers.Release(ledger);
        var continued = (ProcessHandle<LedgerSum>)await waiting.Within();
        Assert.Equal(5, (await continued.WaitAsync().Within()).Total);
        Assert.Equal(1, Ledgers.Count(ledger, 2));
    }

    [Fact]
    public async Task A_stalled_owner_is_fenced_off_after_another_runtime_takes_over()
    {
        var shared = new InMemoryCheckpointStore();
        var stalled = new FaultyStore(shared) { FreezeRenewals = true };
        var ledger = NewLedger();
        await using var zombie = new ProcessRuntime(new() { Store = stalled, LeaseDuration = TimeSpan.FromMilliseconds(300) });
        await using var successor = new ProcessRuntime(new() { Store = shared, LeaseDuration = TimeSpan.FromSeconds(30) });

        Ledgers.HoldFirstCollect(ledger);
        var stale = await zombie.LaunchAsync(new LedgerSum { Count = 2, Ledger = ledger });
        await UntilAsync(async () => (await shared.ListAsync(CheckpointQuery.ForParent(stale.Id))).Count == 1);

        // The zombie's lease lapses (it thinks it renewed); the successor takes over and finishes.
        var continued = await successor.ContinueAsync<LedgerSum>(stale.Id, new ContinueOptions { WaitForOwner = TimeSpan.FromSeconds(20) }).Within();
        Assert.Equal(5, (await continued.WaitAsync().Within()).Total);
        var finished = (await shared.LoadAsync(stale.Id))!;
        Assert.Equal(ProcessState.Finished, finished.Info.State);

        // The zombie wakes up: its next checkpoint is refused, it detaches, and the finished checkpoint stays.
        Ledgers.Release(ledger);
        var error = await Assert.ThrowsAsync<ProcessDetachedException>(() => stale.WaitAsync().Within());
        Assert.True(Assert.IsType<CheckpointSaveFailedException>(error.InnerException).LeaseLost);
        Assert.Equal(finished.Data.ToArray(), (await shared.LoadAsync(stale.Id))!.Data.ToArray());
    }

    [Fact]
    public async Task The_lease_of_an_OS_process_that_no_longer_runs_is_taken_over_at_once()
    {
        var store = new InMemoryCheckpointStore();
        var ledger = NewLedger();
        ProcessId id;
        await using (var before = NewRuntime(store))
        {
            var handle = await before.LaunchAsync(new LedgerSum { Count = 2, Ledger = ledger }, new LaunchOptions { StartPaused = true });
            id = handle.Id;
        }

        // As a runtime of a crashed program left it: a default owner id whose OS process is gone.
        var dead = await store.AcquireLeaseAsync(id, $"{Environment.MachineName}/{int.MaxValue - 7}/638000000000000000/0badc0de", TimeSpan.FromMinutes(10));
        await using var after = NewRuntime(store);
        var continued = await after.ContinueAsync<LedgerSum>(id).Within();
        Assert.True((await store.GetLeaseAsync(id))!.FencingToken > dead.FencingToken);
        await continued.PlayAsync();
        Assert.Equal(5, (await continued.WaitAsync().Within()).Total);
    }

    [Fact]
    public async Task A_live_owner_with_a_custom_id_is_never_taken_over()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        var handle = await runtime.LaunchAsync(new LedgerSum { Count = 1, Ledger = NewLedger() }, new LaunchOptions { StartPaused = true });
        await runtime.StopAsync();
        await store.AcquireLeaseAsync(handle.Id, "billing-worker-2", TimeSpan.FromMinutes(10));

        await using var other = NewRuntime(store);
        var owned = await Assert.ThrowsAsync<ProcessOwnedException>(async () => await other.ContinueAsync(handle.Id));
        Assert.Equal("billing-worker-2", owned.Owner);
    }

    [Fact]
    public async Task A_running_process_holds_a_lease_that_is_renewed_and_released_at_its_end()
    {
        var store = new InMemoryCheckpointStore();
        var ledger = NewLedger();
        await using var runtime = new ProcessRuntime(new() { Store = store, LeaseDuration = TimeSpan.FromMilliseconds(300) });
        Ledgers.HoldFirstCollect(ledger);
        var handle = await runtime.LaunchAsync(new LedgerSum { Count = 1, Ledger = ledger });
        var first = (await store.GetLeaseAsync(handle.Id))!;
        Assert.Equal(runtime.OwnerId, first.Owner);

        await Task.Delay(900);
        var renewed = (await store.GetLeaseAsync(handle.Id))!;
        Assert.Equal(first.FencingToken, renewed.FencingToken);
        Assert.True(renewed.ExpiresAt > first.ExpiresAt);

        Ledgers.Release(ledger);
        await handle.WaitAsync().Within();
        await UntilAsync(async () => await store.GetLeaseAsync(handle.Id) is null);
    }
}
