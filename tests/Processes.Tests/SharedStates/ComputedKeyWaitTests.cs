using System;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>An outline's WaitForState with a key computed when the outline reaches it (from the process's state).</summary>
public sealed class ComputedKeyWaitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_wait_uses_the_key_a_step_chose_and_ignores_other_keys()
    {
        await using var runtime = new ProcessRuntime();
        var waiter = await runtime.LaunchAsync(new OutlineAwaitChosenTally { Prefix = "chosen", Round = 3, Target = 2 });
        await WaitUntilAsync(waiter, ProcessState.Waiting);

        // The key the outline was defined with ("", before the step chose) and a neighbour do not wake it.
        await runtime.SharedStates.UpdateAsync<Tally>("chosen-round-2", tally => tally.Count = 10);
        await Task.Delay(100);
        Assert.Equal(ProcessState.Waiting, waiter.Status.State);

        await runtime.SharedStates.UpdateAsync<Tally>("chosen-round-3", tally => tally.Count = 2);
        var done = await waiter.WaitAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(("chosen-round-3", 2), (done.Waited, done.Seen));
    }

    [Fact]
    public async Task A_continued_process_computes_the_key_again_from_its_checkpointed_state()
    {
        var checkpoints = new InMemoryCheckpointStore();
        var states = new InMemorySharedStateStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new() { Store = checkpoints, SharedStates = new() { Store = states } }))
        {
            var waiter = await first.LaunchAsync(new OutlineAwaitChosenTally { Prefix = "continued", Round = 1, Target = 1, TimeoutSeconds = 60 });
            id = waiter.Id;
            await WaitUntilAsync(waiter, ProcessState.Waiting);
        }

        await using var second = new ProcessRuntime(new() { Store = checkpoints, SharedStates = new() { Store = states } });
        var continued = await second.ContinueAsync<OutlineAwaitChosenTally>(id);
        await WaitUntilAsync(continued, ProcessState.Waiting);
        await second.SharedStates.UpdateAsync<Tally>("continued-round-1", tally => tally.Count++);
        var done = await continued.WaitAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(("continued-round-1", 1), (done.Waited, done.Seen));
    }

    [Fact]
    public void A_null_key_function_is_refused_when_the_outline_is_built()
    {
        var outline = new OutlineBuilder();
        Assert.Throws<ArgumentNullException>(() => outline.WaitForState<Tally>((Func<string>)null!, tally => tally.Count > 0));
    }

    private static async Task WaitUntilAsync(ProcessHandle handle, ProcessState state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (handle.Status.State != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{handle.Id} stayed {handle.Status.State}, not {state}");
            await Task.Delay(10);
        }
    }
}
