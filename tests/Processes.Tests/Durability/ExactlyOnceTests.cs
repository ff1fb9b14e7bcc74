using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Runtime;
using Processes.Serialization;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Durability;

/// <summary>Only the step running at a crash reruns; a rerun step gets the children it had launched.</summary>
public sealed class ExactlyOnceTests
{
    private static ProcessDescriptor<T> DescriptorOf<T>()
        where T : class, IProcessDefinition<T> => T.Descriptor;

    private static string NewLedger() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_child_that_finished_before_its_parents_checkpoint_is_not_run_again()
    {
        var store = new FaultyStore();
        var ledger = NewLedger();
        ProcessId id;
        await using (var crashed = NewRuntime(store))
        {
            // The parent's saves 4 and 5 (after the second Launch, and the terminal one) never
            // reach the store: as if the host died right after the second child finished.
            var parentSaves = 0;
            store.Lose = (checkpoint, _) => checkpoint.Info.ParentId is null && ++parentSaves >= 4;
            var handle = await crashed.LaunchAsync(new LedgerSum { Count = 2, Ledger = ledger });
            id = handle.Id;
            await handle.WaitAsync().Within();
        }

        store.Lose = null;
        Assert.Equal(ProcessState.Running, (await store.LoadAsync(id))!.Info.State);
        await using var continuing = NewRuntime(store);
        var continued = await continuing.ContinueAsync<LedgerSum>(id);

        Assert.Equal(5, (await continued.WaitAsync().Within()).Total);
        Assert.Equal(1, Ledgers.Count(ledger, 1));
        Assert.Equal(1, Ledgers.Count(ledger, 2));      // found finished, not run again
        Assert.Equal(3, (await store.ListAsync()).Count); // nothing orphaned either
    }

    [Fact]
    public void Child_ids_are_derived_from_parent_turn_key_and_occurrence()
    {
        var parent = ProcessId.New();
        var id = ChildIds.Derive(parent, 4, "square", 0);
        Assert.Equal(id, ChildIds.Derive(parent, 4, "square", 0));
        Assert.NotEqual(id, ChildIds.Derive(parent, 5, "square", 0));
        Assert.NotEqual(id, ChildIds.Derive(parent, 4, "squares", 0));
        Assert.NotEqual(id, ChildIds.Derive(parent, 4, "square", 1));
        Assert.NotEqual(id, ChildIds.Derive(ProcessId.New(), 4, "square", 0));
        Assert.Equal(8, id.Value.ToString()[14] - '0'); // an RFC 9562 version-8 GUID
    }

    [Fact]
    public async Task A_successful_run_that_relaunched_one_key_leaves_no_checkpoint_behind()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        var result = await runtime.RunAsync(new LedgerSum { Count = 6, Ledger = NewLedger() }).Within();
        Assert.Equal(91, result.Total);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Inputs_read_from_a_checkpoint_are_validated_again_before_anything_runs()
    {
        var store = new InMemoryCheckpointStore();
        var ledger = NewLedger();
        ProcessId id;
        await using (var first = NewRuntime(store))
        {
            id = (await first.LaunchAsync(new LedgerSum { Count = 2, Ledger = ledger }, new LaunchOptions { StartPaused = true })).Id;
        }

        // A checkpoint with a valid envelope whose inputs break [Range(1, 1000)].
        var stored = (await store.LoadAsync(id))!;
        var (snapshot, sections) = CheckpointEnvelope.Read(stored.Data, "test");
        using var inputs = new ProcessWriter(64);
        DescriptorOf<LedgerSum>().WriteInputs(new LedgerSum { Count = 5000, Ledger = ledger }, inputs);
        using var tampered = new ProcessWriter(256);
        CheckpointEnvelope.Write(tampered, snapshot with { Paused = false }, sections with { Inputs = inputs.WrittenMemory.ToArray() });
        await store.SaveAsync(stored with { Data = tampered.WrittenMemory.ToArray() });

        await using var second = NewRuntime(store);
        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await second.ContinueAsync(id));
        Assert.Equal(CheckpointCorruptionKind.InvalidInputs, error.Kind);
        Assert.Contains("inputs.count", error.Message);
        Assert.Empty(second.Processes);
        Assert.Equal(0, Ledgers.Count(ledger, 1));
        Assert.Null(await store.GetLeaseAsync(id));     // the refused continue gave its lease back
    }
}
