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

    [Fact]
    public async Task Kill_all_kills_the_parent_and_through_it_its_children_so_the_parent_ends_killed_not_excepted()
    {
        // Many parents, so that an enumeration order with a child before its parent is all but certain.
        await using var runtime = new ProcessRuntime();
        var handles = new System.Collections.Generic.List<ProcessHandle<MapTwice>>();
        for (var i = 0; i < 12; i++)
        {
            handles.Add(await runtime.LaunchAsync(new MapTwice { DelayMs = 600_000 }));
        }

        await Until(() => Task.FromResult(runtime.Processes.Count == 12 * 5));
        Assert.InRange(await runtime.KillAllAsync("shutting down"), 12, 12 * 5);

        foreach (var handle in handles)
        {
            var status = await handle.WaitForTerminationAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(ProcessState.Killed, status.State);
            Assert.Equal("shutting down", status.KillMessage);
        }

        await Until(() => Task.FromResult(runtime.Processes.Count == 0));
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
