using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>The typed calls of a single worker, through a pool of two.</summary>
public sealed class RunAndLaunchTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task Tasks_run_on_every_worker_and_each_returns_its_own_outputs()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 2);
        var busy = new List<int>();
        var progress = new Progress<ProcessPoolStatus>();
        var runs = Enumerable.Range(1, 24).Select(x => pool.RunAsync(new RemoteSquare { X = x, DelayMs = 30 }).AsTask()).ToList();
        await PoolKit.Until(() =>
        {
            busy.AddRange(pool.GetStatus().Workers.Where(worker => worker.Running > 0).Select(worker => worker.OsProcessId!.Value));
            return runs.All(run => run.IsCompleted);
        });

        var results = await Task.WhenAll(runs).Within();
        Assert.Equal(Enumerable.Range(1, 24).Select(x => (long)x * x), results.Select(result => result.Result));
        Assert.Equal(2, busy.Distinct().Count());
    }

    [Fact]
    public async Task A_launch_is_listed_whether_the_workers_saw_it_yet_or_not()
    {
        // The pool asks its workers first and its own handles second: a launch placed on a worker
        // between the two is running by the time its handle is read, and must still be listed.
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 8);
        var handles = new List<IProcessHandle<RemoteSquare>>();
        try
        {
            for (var i = 0; i < 16; i++)
            {
                var handle = await pool.LaunchAsync(new RemoteSquare { X = i + 1, Mode = RemoteSquare.Hang }).Within();
                handles.Add(handle);
                var listed = await pool.ListAsync().Within();
                Assert.Contains(listed, status => status.Id == handle.Id);
            }
        }
        finally
        {
            await pool.CloseAsync(PoolClosePolicy.Kill).WaitAsync(PoolKit.Timeout);
        }
    }

    [Fact]
    public async Task A_launched_process_returns_its_outputs_and_its_status_by_id()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 1);
        var handle = await pool.LaunchAsync(new RemoteSumOfSquares { Count = 4 }).Within();
        var result = await handle.WaitAsync().Within();

        Assert.Equal(RemoteSumOfSquares.Expected(4), result.Total);
        Assert.Equal(ProcessState.Finished, (await pool.GetStatusAsync(handle.Id).Within()).State);
    }

    [Fact]
    public async Task Running_a_process_through_the_pool_returns_its_outputs()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var result = await pool.RunAsync(new RemoteSumOfSquares { Count = 3 }).Within();
        Assert.Equal(RemoteSumOfSquares.Expected(3), result.Total);
    }

    [Fact]
    public async Task Invalid_inputs_throw_before_anything_is_queued()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var error = await Assert.ThrowsAsync<PortValidationException>(() => pool.LaunchAsync(new RemoteSquare { X = -1 }).AsTask());
        Assert.Contains("x", Assert.Single(error.Errors).Path, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, pool.GetStatus().Queued);
        Assert.Equal(0, pool.GetStatus().Running);
    }

    [Fact]
    public async Task A_failing_task_throws_its_typed_error_and_frees_its_slot()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        await Assert.ThrowsAsync<ProcessExceptedException>(() => pool.RunAsync(new RemoteSquare { X = 2, Mode = RemoteSquare.Throw }).AsTask()).Within();
        Assert.Equal(9, (await pool.RunAsync(new RemoteSquare { X = 3 }).Within()).Result);
    }

    [Fact]
    public async Task A_queued_launch_killed_by_id_never_runs_and_its_waiters_learn_it_was_killed()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var blocker = pool.RunAsync(new RemoteSquare { X = 1, DelayMs = 400 }).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);
        var queued = await pool.LaunchAsync(new RemoteSquare { X = 2 }).Within();

        Assert.Equal(ProcessState.Created, (await queued.GetStatusAsync().Within()).State);
        var kill = await pool.KillAsync(queued.Id, "not needed").Within();

        Assert.Equal(ProcessControlOutcome.Applied, kill.Outcome);
        var killed = await Assert.ThrowsAsync<ProcessKilledException>(() => queued.WaitAsync().AsTask()).Within();
        Assert.Equal("not needed", killed.KillMessage);
        Assert.Equal(ProcessState.Killed, (await queued.WaitForTerminationAsync().Within()).State);
        Assert.Equal(1, (await blocker.Within()).Result);
    }

    [Fact]
    public async Task Cancelling_a_queued_run_removes_it_from_the_queue()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var blocker = pool.RunAsync(new RemoteSquare { X = 1, DelayMs = 400 }).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);
        using var cancel = new System.Threading.CancellationTokenSource();
        var queued = pool.RunAsync(new RemoteSquare { X = 2 }, cancel.Token).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Queued == 1);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued).Within();
        Assert.Equal(0, pool.GetStatus().Queued);
        Assert.Equal(1, (await blocker.Within()).Result);
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
