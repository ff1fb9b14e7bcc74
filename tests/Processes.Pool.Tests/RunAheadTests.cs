using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>Run-ahead: runs sent to a worker beyond its free slots wait there, never running more at once than the slots.</summary>
public sealed class RunAheadTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task Runs_sent_ahead_wait_on_the_worker_and_its_slots_still_bound_what_runs_at_once()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1, options => options with { RunAheadPerWorker = 2 });
        var clock = Stopwatch.StartNew();
        var runs = Enumerable.Range(1, 6).Select(x => pool.RunAsync(new RemoteSquare { X = x, DelayMs = 150 }).AsTask()).ToArray();

        await PoolKit.Until(() => pool.GetStatus().Workers is [{ WaitingAhead: 2, Running: 1 }]);
        Assert.Equal(3, pool.GetStatus().QueuedByPriority.Sum(level => level.Value));

        var results = await Task.WhenAll(runs).Within();
        Assert.Equal([1L, 4, 9, 16, 25, 36], results.Select(square => square.Result));
        Assert.True(clock.ElapsedMilliseconds >= 6 * 150 - 20, $"six runs of 150 ms on one slot took {clock.ElapsedMilliseconds} ms: more than one ran at once");
    }

    [Fact]
    public async Task A_launch_waits_for_a_truly_free_slot_and_runs_queued_after_it_do_not_overtake_it()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1, options => options with { RunAheadPerWorker = 1 });
        var order = new ConcurrentQueue<string>();
        var first = pool.RunAsync(new RemoteSquare { X = 1, DelayMs = 300 }).AsTask().ContinueWith(_ => order.Enqueue("run 1"), TaskScheduler.Default);
        var second = pool.RunAsync(new RemoteSquare { X = 2, DelayMs = 300 }).AsTask().ContinueWith(_ => order.Enqueue("run 2"), TaskScheduler.Default);
        await PoolKit.Until(() => pool.GetStatus().Workers is [{ WaitingAhead: 1 }]);

        var launched = await pool.LaunchAsync(new RemoteSquare { X = 3, DelayMs = 100 }).Within();
        var launchDone = launched.WaitAsync().AsTask().ContinueWith(_ => order.Enqueue("launch"), TaskScheduler.Default);
        // Run 4 lasts a while: a launch's end reaches its WaitAsync a little after the worker
        // reports it, and an instant run 4 could be seen finishing first though it started after.
        var later = pool.RunAsync(new RemoteSquare { X = 4, DelayMs = 300 }).AsTask().ContinueWith(_ => order.Enqueue("run 4"), TaskScheduler.Default);

        await Task.WhenAll(first, second, launchDone, later).Within();
        Assert.Equal(["launch", "run 4"], order.Skip(2));
    }

    [Fact]
    public async Task Runs_waiting_ahead_on_a_killed_worker_run_again_and_every_caller_gets_its_own_result()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 1, options => options with { RunAheadPerWorker = 2 });
        var runs = Enumerable.Range(1, 8).Select(x => pool.RunAsync(new RemoteSquare { X = x, DelayMs = 400 }).AsTask()).ToArray();
        await PoolKit.Until(() => pool.GetStatus().Workers.Count == 2 && pool.GetStatus().Workers.All(worker => worker is { Running: 1, WaitingAhead: 2 }));
        var victim = pool.GetStatus().Workers[0];

        PoolKit.KillOsProcess(victim.OsProcessId!.Value);

        var results = await Task.WhenAll(runs).Within();
        Assert.Equal(Enumerable.Range(1, 8).Select(x => (long)x * x), results.Select(square => square.Result));
        await PoolKit.Until(() => pool.GetStatus().Workers.Count == 2 && pool.GetStatus().Workers.Sum(worker => worker.Restarts) == 1);
        Assert.All(pool.GetStatus().Workers, worker => Assert.Equal(0, worker.WaitingAhead));
        Assert.Equal(0, pool.GetStatus().QueuedByPriority.Sum(level => level.Value));
    }

    [Fact]
    public async Task Without_run_ahead_nothing_waits_on_a_worker()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var runs = Enumerable.Range(1, 3).Select(x => pool.RunAsync(new RemoteSquare { X = x, DelayMs = 200 }).AsTask()).ToArray();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);
        Assert.Equal(0, pool.GetStatus().Workers.Single().WaitingAhead);
        Assert.Equal(2, pool.GetStatus().QueuedByPriority.Sum(level => level.Value));
        await Task.WhenAll(runs).Within();
    }

    [Fact]
    public async Task A_negative_run_ahead_is_refused()
    {
        var options = PoolKit.Options(_store, workers: 1, slots: 1) with { RunAheadPerWorker = -1 };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProcessPool.StartAsync(options));
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
