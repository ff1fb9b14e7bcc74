using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary><c>ProcessRuntime.ListAsync(query)</c>: running and stored processes together, with the store's filters.</summary>
public sealed class ListRunningAndStoredTests
{
    [Fact]
    public async Task A_query_lists_running_and_stored_processes_and_roots_only_leaves_out_children_that_inherited_the_tag()
    {
        var store = new InMemoryCheckpointStore();
        var childGate = new Gate();
        var blockChild = TestHooks.Register(async (step, _, context) => await childGate.Pass(context.CancellationToken));
        ProcessId detached;
        await using (var first = NewRuntime(store))
        {
            var handle = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 1, ChildScript = blockChild }, new LaunchOptions { Tags = ["nightly"] });
            detached = handle.Id;
            await childGate.Entered.Within();
        }

        await using var second = NewRuntime(store);
        var setupGate = new Gate();
        var blockSetup = TestHooks.Register(async (step, _, context) =>
        {
            if (step == "setup")
            {
                await setupGate.Pass(context.CancellationToken);
            }
        });
        var running = await second.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = blockSetup }, new LaunchOptions { Tags = ["nightly"] });
        await setupGate.Entered.Within();

        var tagged = await second.ListAsync(new CheckpointQuery { Tag = "nightly" });
        Assert.Equal(3, tagged.Count);
        Assert.Equal(running.Id, tagged[0].Id);
        Assert.Equal(ProcessState.Running, tagged[0].State);
        var child = Assert.Single(tagged, status => status.ParentId == detached);
        Assert.Equal("Processes.Tests.ScriptedSquare", child.Name);

        var roots = await second.ListAsync(new CheckpointQuery { Tag = "nightly", RootsOnly = true });
        Assert.Equal([running.Id, detached], roots.Select(status => status.Id));
        Assert.Equal(ProcessState.Waiting, roots[1].State);

        var limited = await second.ListAsync(new CheckpointQuery { Tag = "nightly", Limit = 2 });
        Assert.Equal(2, limited.Count);
        Assert.Empty(await second.ListAsync(new CheckpointQuery { Tag = "weekly" }));

        // The IProcessClient verb still lists what runs here only.
        Assert.Equal([running.Id], (await second.ListAsync()).Select(status => status.Id));

        setupGate.Open();
        await running.WaitAsync().Within();
    }
}
