using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>Chains: tasks in order in one slot; the first failure stops the rest and is reported once, with what ran.</summary>
public sealed class ChainTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task A_chain_runs_its_tasks_one_after_another_in_one_slot_and_returns_every_output()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 2);
        var chain = new ProcessChain()
            .Then(new RemoteSquare { X = 2, DelayMs = 200 })
            .Then(new RemoteEcho { Payload = [1, 2, 3] })
            .Then(new RemoteSquare { X = 3, DelayMs = 200 })
            .Then(new RemoteSquare { X = 4, DelayMs = 200 });
        var clock = Stopwatch.StartNew();
        var running = pool.RunChainAsync(chain).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);
        var most = 0;
        await PoolKit.Until(() =>
        {
            most = Math.Max(most, pool.GetStatus().Running);
            return running.IsCompleted;
        });

        var result = await running.Within();
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"Three 200 ms tasks in order take 600 ms at least, not {clock.Elapsed}.");
        Assert.Equal(1, most);
        Assert.Equal(4, result.Get<RemoteSquare>(0).Result);
        Assert.Equal([3, 2, 1], result.Get<RemoteEcho>(1).Reversed);
        Assert.Equal([9L, 16L], new[] { result.Get<RemoteSquare>(2).Result, result.Get<RemoteSquare>(3).Result });
    }

    [Fact]
    public async Task The_first_failure_stops_the_chain_and_is_reported_once_with_what_ran_and_what_did_not()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var chain = new ProcessChain()
            .Then(new RemoteSquare { X = 2 })
            .Then(new RemoteSquare { X = 3, Mode = RemoteSquare.Throw })
            .Then(new RemoteSquare { X = 4, DelayMs = 10_000 })
            .Then(new RemoteEcho { Payload = [9] });
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ProcessChainFailedException>(() => pool.RunChainAsync(chain).AsTask()).Within();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), "The 10 s task after the failure ran.");
        Assert.Equal(1, failure.FailedIndex);
        Assert.EndsWith("RemoteSquare", failure.FailedName, StringComparison.Ordinal);
        Assert.Single(failure.Completed);
        Assert.Equal(2, failure.NotRun.Count);
        Assert.EndsWith("RemoteEcho", failure.NotRun[1], StringComparison.Ordinal);
        Assert.IsType<ProcessExceptedException>(failure.InnerException);
    }

    [Fact]
    public async Task A_chain_whose_worker_is_killed_goes_on_on_another_worker()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 1);
        var chain = new ProcessChain();
        foreach (var x in Enumerable.Range(1, 4))
        {
            chain.Then(new RemoteSquare { X = x, DelayMs = 500 });
        }

        var running = pool.RunChainAsync(chain).AsTask();
        await PoolKit.Until(() => pool.GetStatus().Running == 1);
        await Task.Delay(700);
        PoolKit.KillOsProcess(pool.GetStatus().Workers.Single(worker => worker.Running == 1).OsProcessId!.Value);

        var result = await running.Within();
        Assert.Equal([1L, 4L, 9L, 16L], Enumerable.Range(0, 4).Select(index => result.Get<RemoteSquare>(index).Result));
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
