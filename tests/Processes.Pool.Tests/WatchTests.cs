using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>A pool's watch merges its workers and follows a worker that replaces a killed one.</summary>
public sealed class WatchTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task A_watch_of_every_process_sees_launches_on_the_worker_that_replaced_a_killed_one()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 2);
        using var stop = new CancellationTokenSource(PoolKit.Timeout);
        await using var watch = pool.WatchAsync(cancellationToken: stop.Token).GetAsyncEnumerator(stop.Token);
        var first = watch.MoveNextAsync().AsTask();

        var killed = pool.GetStatus().Workers.Single();
        PoolKit.KillOsProcess(killed.OsProcessId!.Value);
        await PoolKit.Until(() => pool.GetStatus().Workers is [{ } replacement] && replacement.OsProcessId != killed.OsProcessId);

        var launched = new HashSet<ProcessId>();
        while (true)
        {
            launched.Add((await pool.LaunchAsync(new RemoteSumOfSquares { Count = 1 }).Within()).Id);
            if (await Task.WhenAny(first, Task.Delay(200, stop.Token)) != first)
            {
                continue;
            }

            Assert.True(await first);
            if (launched.Contains(watch.Current.Id))
            {
                break;
            }

            first = watch.MoveNextAsync().AsTask();
        }
    }

    [Fact]
    public async Task A_watch_ends_without_an_error_when_the_pool_closes()
    {
        var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var statuses = new List<ProcessStatus>();
        var watching = Task.Run(async () =>
        {
            await foreach (var status in pool.WatchAsync())
            {
                statuses.Add(status);
            }
        });

        await Task.Delay(200);
        await pool.DisposeAsync();
        await watching.Within();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.WatchAsync().GetAsyncEnumerator().MoveNextAsync());
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
