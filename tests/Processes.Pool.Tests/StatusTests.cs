using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>Pool status, now and as progress: per worker slots and running, the queue by priority.</summary>
public sealed class StatusTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task Progress_reports_slots_running_and_the_queue_by_priority_on_every_change()
    {
        var reports = new ConcurrentQueue<ProcessPoolStatus>();
        var progress = new Recorder(reports);
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 1, options => options with { Progress = progress });
        var runs = new List<Task<RemoteSquare>>
        {
            pool.RunAsync(new RemoteSquare { X = 1, DelayMs = 500 }).AsTask(),
            pool.RunAsync(new RemoteSquare { X = 2, DelayMs = 500 }).AsTask(),
        };
        await PoolKit.Until(() => pool.GetStatus().Running == 2);
        runs.Add(pool.RunAsync(new RemoteSquare { X = 3 }, priority: 2).AsTask());
        runs.Add(pool.RunAsync(new RemoteSquare { X = 4 }, priority: 0).AsTask());
        runs.Add(pool.RunAsync(new RemoteSquare { X = 5 }, priority: 2).AsTask());

        var now = pool.GetStatus();
        await Task.WhenAll(runs).Within();
        await PoolKit.Until(() => pool.GetStatus().Running == 0);

        Assert.Equal(2, now.Workers.Count);
        Assert.All(now.Workers, worker => Assert.Equal((1, 1, 0), (worker.Slots, worker.Running, worker.FreeSlots)));
        Assert.Equal([new KeyValuePair<int, int>(0, 1), new(2, 2)], now.QueuedByPriority);
        Assert.Equal(3, now.Queued);
        Assert.Contains(reports, report => report.Queued == 3 && report.Running == 2);
        Assert.Contains(reports, report => report.Queued == 0 && report.Running == 0);
        Assert.All(reports, report => Assert.InRange(report.Running, 0, 2));
    }

    /// <summary>Records synchronously (Progress&lt;T&gt; would post to the thread pool and lose the order).</summary>
    private sealed class Recorder(ConcurrentQueue<ProcessPoolStatus> reports) : IProgress<ProcessPoolStatus>
    {
        public void Report(ProcessPoolStatus value) => reports.Enqueue(value);
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
