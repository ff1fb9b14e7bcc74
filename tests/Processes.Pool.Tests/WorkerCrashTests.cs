using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>A worker killed with SIGKILL mid-run: the pool starts another, and its work ends as if nothing happened.</summary>
public sealed class WorkerCrashTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task A_process_of_a_killed_worker_is_continued_from_its_checkpoint_to_the_outputs_of_an_uninterrupted_run()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 1);
        var handle = await pool.LaunchAsync(new RemoteSumOfSquares { Count = 6, ChildDelayMs = 150 }).Within();
        await PoolKit.UntilStatus(handle, status => Collected(status) is >= 1 and <= 4);
        var victim = pool.GetStatus().Workers.Single(worker => worker.Running == 1);

        PoolKit.KillOsProcess(victim.OsProcessId!.Value);

        var result = await handle.WaitAsync().Within();
        Assert.Equal(RemoteSumOfSquares.Expected(6), result.Total);
        Assert.Equal("sum of 6 squares", result.Summary);
        await PoolKit.Until(() => pool.GetStatus().Workers.Count == 2);
        var restarted = pool.GetStatus().Workers.Single(worker => worker.Restarts == 1);
        Assert.NotEqual(victim.PipeName, restarted.PipeName);
        Assert.NotEqual(victim.OsProcessId, restarted.OsProcessId);
    }

    [Fact]
    public async Task Task_runs_of_a_killed_worker_run_again_elsewhere_and_every_caller_gets_its_result()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 3);
        var runs = Enumerable.Range(1, 6).Select(x => pool.RunAsync(new RemoteSquare { X = x, DelayMs = 1500 }).AsTask()).ToList();
        await PoolKit.Until(() => pool.GetStatus().Running == 6);

        PoolKit.KillOsProcess(pool.GetStatus().Workers[0].OsProcessId!.Value);

        var results = await Task.WhenAll(runs).Within();
        Assert.Equal(Enumerable.Range(1, 6).Select(x => (long)x * x), results.Select(result => result.Result));
    }

    [Fact]
    public async Task Launches_queued_behind_a_killed_worker_still_run()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var first = await pool.LaunchAsync(new RemoteSquare { X = 5, DelayMs = 1000 }).Within();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);
        var second = await pool.LaunchAsync(new RemoteSquare { X = 6 }).Within();

        PoolKit.KillOsProcess(pool.GetStatus().Workers[0].OsProcessId!.Value);

        Assert.Equal(25, (await first.WaitAsync().Within()).Result);
        Assert.Equal(36, (await second.WaitAsync().Within()).Result);
    }

    private static int Collected(ProcessStatus status) =>
        status.StatusMessage is { } message && message.StartsWith("collected ", StringComparison.Ordinal)
            ? int.Parse(message["collected ".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    public void Dispose() => PoolKit.DeleteStore(_store);
}
