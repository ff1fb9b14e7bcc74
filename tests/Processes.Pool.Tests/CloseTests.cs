using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>
/// The close policies, each with work queued, running and waiting (paused) at the moment of the
/// close. One worker with two slots: a paused process holds one, the other runs a task, three
/// launches wait behind them.
/// </summary>
public sealed class CloseTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task Join_runs_the_queue_and_the_running_work_to_their_end_and_detaches_a_paused_process()
    {
        var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 2);
        var (paused, running, queued) = await FillAsync(pool);

        await pool.CloseAsync(PoolClosePolicy.Join).Within();

        Assert.Equal(4, (await running.Within()).Result);
        Assert.Equal([100, 121, 144], (await Task.WhenAll(queued).Within()).Select(square => square.Result));
        await AssertDetachedAndContinuableAsync(paused);
    }

    [Fact]
    public async Task Dispose_closes_with_Join_by_default()
    {
        var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var runs = Enumerable.Range(1, 4).Select(x => pool.RunAsync(new RemoteSquare { X = x, DelayMs = 50 }).AsTask()).ToList();

        await pool.DisposeAsync();

        Assert.Equal([1, 4, 9, 16], (await Task.WhenAll(runs).Within()).Select(square => square.Result));
    }

    [Fact]
    public async Task Cancel_drops_the_queue_with_a_typed_error_and_lets_running_work_finish()
    {
        var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 2);
        var (paused, running, queued) = await FillAsync(pool);

        await pool.CloseAsync(PoolClosePolicy.Cancel).Within();

        Assert.Equal(4, (await running.Within()).Result);
        foreach (var dropped in queued)
        {
            var error = await Assert.ThrowsAsync<ProcessPoolClosedException>(() => dropped).Within();
            Assert.Equal(PoolClosePolicy.Cancel, error.Policy);
            Assert.False(error.WasRunning);
            Assert.EndsWith("RemoteSquare", error.ProcessName, StringComparison.Ordinal);
        }

        await AssertDetachedAndContinuableAsync(paused);
    }

    [Fact]
    public async Task Kill_drops_the_queue_and_stops_running_work()
    {
        var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 2);
        var process = await pool.LaunchAsync(new RemoteSumOfSquares { Count = 50, ChildDelayMs = 100 }).Within();
        var hanging = pool.RunAsync(new RemoteSquare { X = 2, Mode = RemoteSquare.Hang }).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 2);
        await PoolKit.UntilStatus(process, status => status.State is ProcessState.Running or ProcessState.Waiting);
        var queued = pool.RunAsync(new RemoteSquare { X = 3 }).AsTask();

        await pool.CloseAsync(PoolClosePolicy.Kill).Within();

        await Assert.ThrowsAsync<ProcessKilledException>(() => process.WaitAsync().AsTask()).Within();
        var stopped = await Assert.ThrowsAsync<ProcessPoolClosedException>(() => hanging).Within();
        Assert.True(stopped.WasRunning);
        Assert.False((await Assert.ThrowsAsync<ProcessPoolClosedException>(() => queued).Within()).WasRunning);
    }

    [Fact]
    public async Task A_closed_pool_refuses_new_launches()
    {
        var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        await pool.CloseAsync(PoolClosePolicy.Cancel).Within();

        await Assert.ThrowsAsync<ProcessPoolClosedException>(() => pool.RunAsync(new RemoteSquare { X = 1 }).AsTask());
        await Assert.ThrowsAsync<ProcessPoolClosedException>(() => pool.LaunchAsync(new RemoteSquare { X = 1 }).AsTask());
        await pool.DisposeAsync(); // a second close waits for the first and does nothing more
    }

    private static async Task<(IProcessHandle<RemoteSumOfSquares> Paused, Task<RemoteSquare> Running, Task<RemoteSquare>[] Queued)> FillAsync(ProcessPool pool)
    {
        var paused = await pool.LaunchAsync(new RemoteSumOfSquares { Count = 2 }, new LaunchOptions { StartPaused = true }).Within();
        var running = pool.RunAsync(new RemoteSquare { X = 2, DelayMs = 1500 }).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 2);
        var queued = new[] { 10, 11, 12 }.Select(x => pool.RunAsync(new RemoteSquare { X = x }).AsTask()).ToArray();
        Assert.Equal(3, pool.GetStatus().Queued);
        await PoolKit.UntilStatus(paused, status => status.Paused);
        Assert.False(running.IsCompleted, "The running task ended before the close; the test proves nothing.");
        return (paused, running, queued);
    }

    /// <summary>The paused process did not hold the close: it was detached at its checkpoint, and a new pool on the store continues it to its end.</summary>
    private async Task AssertDetachedAndContinuableAsync(IProcessHandle<RemoteSumOfSquares> paused)
    {
        await Assert.ThrowsAsync<ProcessDetachedException>(() => paused.WaitAsync().AsTask()).Within();
        await using var again = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var continued = await again.ContinueAsync<RemoteSumOfSquares>(paused.Id).Within();
        await continued.PlayAsync().Within();
        Assert.Equal(RemoteSumOfSquares.Expected(2), (await continued.WaitAsync().Within()).Total);
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
