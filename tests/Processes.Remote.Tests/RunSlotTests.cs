using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>Run slots of a connection: queued runs wait on the worker, in order, and never run more at once than the slots.</summary>
public sealed class RunSlotTests(SharedWorker shared)
{
    [Fact]
    public async Task Queued_runs_beyond_the_slots_wait_on_the_worker_and_finish_in_arrival_order()
    {
        await using var client = await shared.Worker.ConnectAsync().Within();
        Assert.True(client.SupportsRunQueue);
        await client.SetRunSlotsAsync(1, CancellationToken.None).Within();

        var clock = Stopwatch.StartNew();
        var finished = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var runs = Enumerable.Range(1, 5).Select(async x =>
        {
            var square = await client.RunQueuedAsync(new RemoteSquare { X = x, DelayMs = 150 }, progress: null, CancellationToken.None);
            finished.Enqueue(square.X);
        }).ToArray();
        await Task.WhenAll(runs).Within();

        // One slot: five runs of 150 ms one after another, never two at once.
        Assert.True(clock.ElapsedMilliseconds >= 5 * 150 - 20, $"five queued runs took {clock.ElapsedMilliseconds} ms: they did not wait for the one slot");
        Assert.Equal([1L, 2, 3, 4, 5], finished.ToArray());
    }

    [Fact]
    public async Task A_queued_run_cancelled_while_it_waits_never_starts_and_frees_nothing_it_did_not_take()
    {
        await using var client = await shared.Worker.ConnectAsync().Within();
        await client.SetRunSlotsAsync(1, CancellationToken.None).Within();
        var holder = client.RunQueuedAsync(new RemoteSquare { X = 2, DelayMs = 400 }, progress: null, CancellationToken.None).AsTask();
        using var cancel = new CancellationTokenSource();
        var waiting = client.RunQueuedAsync(new RemoteSquare { X = 3, DelayMs = 10 }, progress: null, cancel.Token).AsTask();
        await Task.Delay(100);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<System.OperationCanceledException>(() => waiting).Within();

        Assert.Equal(4, (await holder.Within()).Result);
        Assert.Equal(16, (await client.RunQueuedAsync(new RemoteSquare { X = 4 }, progress: null, CancellationToken.None).AsTask().Within()).Result);
    }

    [Fact]
    public async Task A_queued_run_before_the_slots_are_set_and_setting_them_twice_are_refused()
    {
        await using var client = await shared.Worker.ConnectAsync().Within();
        await Assert.ThrowsAnyAsync<RemoteProcessException>(async () => await client.RunQueuedAsync(new RemoteSquare { X = 1 }, progress: null, CancellationToken.None)).Within();

        await using var other = await shared.Worker.ConnectAsync().Within();
        await other.SetRunSlotsAsync(2, CancellationToken.None).Within();
        Assert.Contains("already set", (await Assert.ThrowsAsync<System.InvalidOperationException>(() => other.SetRunSlotsAsync(3, CancellationToken.None)).Within()).Message, System.StringComparison.Ordinal);
        Assert.Equal(9, (await other.RunQueuedAsync(new RemoteSquare { X = 3 }, progress: null, CancellationToken.None).AsTask().Within()).Result);
    }
}
