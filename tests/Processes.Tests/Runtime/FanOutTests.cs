using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>StartChildren/GetChildren: one child per item, results in input order, durable like single children.</summary>
public sealed class FanOutTests
{
    [Fact]
    public async Task Results_come_back_in_input_order_and_a_shorter_later_map_drops_the_extra_results()
    {
        await using var runtime = new ProcessRuntime();
        Assert.Equal("10,2,8,4|14,6", (await runtime.RunAsync(new MapTwice())).Results);
    }

    [Fact]
    public async Task A_process_stopped_mid_map_continues_with_the_same_children_and_ordered_results()
    {
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new MapTwice { DelayMs = 400 });
            id = handle.Id;
            await Until(async () => (await store.ListAsync(CheckpointQuery.ForParent(id))).Count == 4);
        }

        var children = (await store.ListAsync(CheckpointQuery.ForParent(id))).Select(info => info.Id).ToHashSet();
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<MapTwice>(id);
        Assert.Equal("10,2,8,4|14,6", (await continued.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))).Results);
        // The first turn's four children are the ones started before the stop: none was started twice.
        var afterwards = (await store.ListAsync(CheckpointQuery.ForParent(id))).Select(info => info.Id).ToHashSet();
        Assert.Superset(children, afterwards);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 2000 && !await condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(await condition(), "the condition did not become true in time");
    }
}
