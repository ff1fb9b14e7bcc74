using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>One slot, a blocker in it, launches queued behind: lower priority levels run first, first come first served within a level; aging lets an old launch overtake.</summary>
public sealed class PriorityTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task Lower_levels_run_first_and_each_level_in_arrival_order()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var order = new ConcurrentQueue<int>();
        var blocker = pool.RunAsync(new RemoteSquare { X = 0, DelayMs = 500 }).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);

        // X names each launch; its priority level is the second value.
        (int X, int Priority)[] launches = [(1, 5), (2, 1), (3, 5), (4, 1), (5, -2), (6, 0)];
        var runs = launches.Select(launch => pool.RunAsync(new RemoteSquare { X = launch.X, DelayMs = 20 }, launch.Priority)
            .AsTask().ContinueWith(run => order.Enqueue((int)Math.Sqrt(run.Result.Result)), TaskScheduler.Default)).ToList();
        var queued = pool.GetStatus().QueuedByPriority;

        await Task.WhenAll(runs).Within();
        await blocker.Within();
        Assert.Equal([5, 6, 2, 4, 1, 3], order.ToArray());
        Assert.Equal([new KeyValuePair<int, int>(-2, 1), new(0, 1), new(1, 2), new(5, 2)], queued);
    }

    [Fact]
    public async Task With_aging_a_launch_that_waited_long_overtakes_newer_ones_of_a_better_level()
    {
        Assert.Equal(3, await FirstAfterBlockerAsync(aging: TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Without_aging_a_worse_level_waits_however_long_it_has_waited()
    {
        Assert.Equal(10, await FirstAfterBlockerAsync(aging: null));
    }

    /// <summary>Queues X = 3 at level 3, lets it wait 600 ms, then queues X = 10, 11 at level 0: which runs first once the blocker ends?</summary>
    private async Task<int> FirstAfterBlockerAsync(TimeSpan? aging)
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1, options => options with { AgingInterval = aging });
        var order = new ConcurrentQueue<int>();
        var blocker = pool.RunAsync(new RemoteSquare { X = 0, DelayMs = 900 }).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);
        var old = pool.RunAsync(new RemoteSquare { X = 3 }, priority: 3).AsTask().ContinueWith(run => order.Enqueue((int)Math.Sqrt(run.Result.Result)), TaskScheduler.Default);
        await Task.Delay(600);
        var newer = new[] { 10, 11 }.Select(x => pool.RunAsync(new RemoteSquare { X = x }, priority: 0).AsTask()
            .ContinueWith(run => order.Enqueue((int)Math.Sqrt(run.Result.Result)), TaskScheduler.Default)).ToList();
        Assert.False(blocker.IsCompleted, "The blocker ended before all were queued; the test proves nothing.");

        await Task.WhenAll(newer.Append(old)).Within();
        return order.First();
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
