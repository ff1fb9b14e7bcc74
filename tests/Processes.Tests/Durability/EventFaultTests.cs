using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Tests.Runtime;
using Xunit;

namespace Processes.Tests.Durability;

/// <summary>
/// Raising an event when the store fails or another runtime owns the process: the caller gets a
/// typed error, the event is neither half-delivered nor half-stored, and a later raise works.
/// </summary>
public sealed class EventFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_event_that_cannot_be_stored_for_a_live_process_fails_the_raise_and_the_process_never_sees_it()
    {
        var key = Guid.NewGuid().ToString("N");
        var store = new FaultyStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new AwaitApproval { Key = key });
            id = handle.Id;
            await UntilWaitingIsStored(handle, store);

            store.Down = true;
            var failure = await Assert.ThrowsAsync<CheckpointSaveFailedException>(async () => await first.RaiseEventAsync(id, "approval", new Decision { By = "ann", Amount = 1 }));
            Assert.IsType<System.IO.IOException>(failure.InnerException);
            Assert.Equal(["ask"], EventLog.For(key));
            store.Down = false;
        }

        // The last stored checkpoint still waits and holds no event: nothing was half-delivered.
        var stored = await store.LoadAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(ProcessState.Waiting, stored!.Info.State);

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<AwaitApproval>(id);
        await Until(() => continued.State == ProcessState.Waiting);
        Assert.Equal(["ask"], EventLog.For(key));
        Assert.Equal(ProcessEventOutcome.Delivered, (await second.RaiseEventAsync(id, "approval", new Decision { By = "bob", Amount = 2 })).Outcome);
        Assert.Equal("approved by bob for 2", (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
    }

    [Fact]
    public async Task An_event_for_a_stopped_process_that_cannot_be_stored_fails_with_the_store_error_and_leaves_the_checkpoint_as_it_was()
    {
        var key = Guid.NewGuid().ToString("N");
        var store = new FaultyStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new AwaitApproval { Key = key });
            id = handle.Id;
            await UntilWaitingIsStored(handle, store);
        }

        var before = (await store.LoadAsync(id))!.Data.ToArray();
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        store.Down = true;
        await Assert.ThrowsAnyAsync<System.IO.IOException>(async () => await second.RaiseEventAsync(id, "approval", new Decision { By = "ann", Amount = 1 }));
        store.Down = false;

        Assert.Equal(before, (await store.LoadAsync(id))!.Data.ToArray());
        Assert.Null(await store.GetLeaseAsync(id)); // the raise gave its lease back

        // Stored once the store is back, and taken when the process is continued.
        Assert.Equal(ProcessEventOutcome.Stored, (await second.RaiseEventAsync(id, "approval", new Decision { By = "cy", Amount = 3 })).Outcome);
        var continued = await second.ContinueAsync<AwaitApproval>(id);
        Assert.Equal("approved by cy for 3", (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
        Assert.Equal(["ask", "decide"], EventLog.For(key));
    }

    [Fact]
    public async Task An_event_raised_through_another_runtime_while_a_live_one_owns_the_process_is_refused_as_owned()
    {
        var key = Guid.NewGuid().ToString("N");
        var store = new InMemoryCheckpointStore();
        await using var owner = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        await using var other = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var handle = await owner.LaunchAsync(new AwaitApproval { Key = key });
        await UntilWaitingIsStored(handle, store);
        var before = (await store.LoadAsync(handle.Id))!.Data.ToArray();

        var owned = await Assert.ThrowsAsync<ProcessOwnedException>(async () => await other.RaiseEventAsync(handle.Id, "approval", new Decision { By = "eve", Amount = 9 }));
        Assert.Equal(owner.OwnerId, owned.Owner);
        Assert.Equal(handle.Id, owned.ProcessId);
        Assert.Equal(before, (await store.LoadAsync(handle.Id))!.Data.ToArray());

        // The owner still waits; the event raised where the process runs is delivered.
        Assert.Equal(ProcessEventOutcome.Delivered, (await owner.RaiseEventAsync(handle.Id, "approval", new Decision { By = "fay", Amount = 4 })).Outcome);
        Assert.Equal("approved by fay for 4", (await handle.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
    }

    /// <summary>
    /// Until the process waits and its checkpoint says so: the state changes before the checkpoint
    /// that records it is stored, so a store taken down (or read) as soon as the state says Waiting
    /// may still miss that checkpoint on a busy machine.
    /// </summary>
    private static async Task UntilWaitingIsStored(ProcessHandle handle, ICheckpointStore store)
    {
        for (var i = 0; i < 2000; i++)
        {
            if (handle.State == ProcessState.Waiting && (await store.LoadAsync(handle.Id))?.Info.State == ProcessState.Waiting)
            {
                return;
            }

            await Task.Delay(5);
        }

        Assert.Fail("the process did not wait, or its waiting checkpoint was not stored, in time");
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "the condition did not become true in time");
    }
}
