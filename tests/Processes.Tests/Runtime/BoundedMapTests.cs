using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>Fan-out inside a step with a bound and a failure policy (<c>StartChildren(key, items, MapOptions)</c>).</summary>
public sealed class BoundedMapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static string Squares(int count) => string.Join(",", Enumerable.Range(0, count).Select(x => x * x));

    [Fact]
    public async Task No_more_children_than_the_bound_run_at_once_and_results_keep_item_order()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();

        var map = await runtime.RunAsync(new BoundedMap { Key = key, Count = 12, Parallelism = 3, DelayMs = 30 }).AsTask().WaitAsync(Patience);

        Assert.Equal(Squares(12), map.Results);
        Assert.InRange(CountedSquare.For(key)[1], 2, 3);
        Assert.Equal(12, CountedSquare.For(key)[2]);
    }

    [Fact]
    public async Task Collect_errors_lets_the_parent_read_every_outcome_and_GetChildren_reports_the_failures()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();

        var map = await runtime.RunAsync(new BoundedMap { Key = key, Count = 6, Parallelism = 2, FailWhen = 4, Collect = true }).AsTask().WaitAsync(Patience);

        Assert.Equal("0,1,4,9,x,25", map.Results);
        Assert.Equal("4", map.Failed);
        Assert.True(map.GetChildrenThrew);
        Assert.Equal(6, CountedSquare.For(key)[2]);
    }

    [Fact]
    public async Task Fail_fast_fails_the_parent_at_the_first_failure_and_kills_the_rest()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () =>
            await runtime.RunAsync(new BoundedMap { Key = key, Count = 20, Parallelism = 20, FailWhen = 0, DelayMs = 20_000 }).AsTask().WaitAsync(Patience));

        // Item 0 fails at once; the others would take 20 s each.
        Assert.Equal(typeof(ChildProcessFailedException).FullName, failure.Error.TypeName);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the parent failed after {watch.Elapsed}");
        for (var i = 0; i < 400 && CountedSquare.For(key)[0] > 0; i++)
        {
            await Task.Delay(5);
        }

        Assert.Equal(0, CountedSquare.For(key)[0]);
    }

    [Fact]
    public async Task A_parent_stopped_mid_map_keeps_its_bound_and_reruns_no_finished_child_when_continued()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new BoundedMap { Key = key, Count = 8, Parallelism = 2, DelayMs = 150 });
            id = handle.Id;
            for (var i = 0; i < 400 && CountedSquare.For(key)[2] < 4; i++)
            {
                await Task.Delay(5);
            }
        }

        var startedBeforeStop = CountedSquare.For(key)[2];

        // The stopped runtime's bodies may still be winding down (a stop detaches, it does not
        // wait for them): measure the continued run's concurrency on its own.
        for (var i = 0; i < 400 && CountedSquare.For(key)[0] > 0; i++)
        {
            await Task.Delay(5);
        }

        CountedSquare.For(key)[1] = 0;
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<BoundedMap>(id);

        Assert.Equal(Squares(8), (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Results);
        Assert.InRange(CountedSquare.For(key)[1], 1, 2);
        // Only the children running at the stop (at most the bound) run again.
        Assert.InRange(CountedSquare.For(key)[2], 8, 8 + 2);
        Assert.True(startedBeforeStop >= 4);
    }
}
