using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>State changes broadcast on the topic exchange, watched for one process or all.</summary>
public sealed class WatchTests(SharedBroker broker)
{
    [Fact]
    public async Task Watching_one_process_streams_its_state_changes_up_to_finished()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();
        var other = await client.LaunchAsync(new BrokerSum { Count = 3, ChildDelayMs = 200 }, cancellationToken: TestContext.Current.CancellationToken);
        var handle = await client.LaunchAsync(new BrokerSum { Count = 5, ChildDelayMs = 200 }, cancellationToken: TestContext.Current.CancellationToken);

        var seen = new List<ProcessStatus>();
        await foreach (var status in client.WatchAsync(handle.Id, TestContext.Current.CancellationToken))
        {
            seen.Add(status);
            if (status.State.IsTerminal())
            {
                break;
            }
        }

        Assert.All(seen, status => Assert.Equal(handle.Id, status.Id));
        Assert.Equal(ProcessState.Finished, seen[^1].State);
        Assert.Contains(seen, status => status.State == ProcessState.Waiting);
        await other.WaitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Watching_all_sees_processes_on_every_worker_and_progress_reports_a_run()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        await deployment.StartWorkerAsync(slots: 1);
        var client = await deployment.ConnectAsync();
        var finished = new ConcurrentDictionary<ProcessId, bool>();
        using var stop = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var ready = new TaskCompletionSource();
        var watch = Task.Run(async () =>
        {
            var enumerator = client.WatchAsync(cancellationToken: stop.Token).GetAsyncEnumerator(stop.Token);
            var first = enumerator.MoveNextAsync();
            ready.SetResult();
            try
            {
                if (await first)
                {
                    do
                    {
                        if (enumerator.Current.State == ProcessState.Finished && enumerator.Current.ParentId is null)
                        {
                            finished[enumerator.Current.Id] = true;
                        }
                    }
                    while (await enumerator.MoveNextAsync());
                }
            }
            catch (OperationCanceledException)
            {
                // The test stops watching.
            }
            finally
            {
                await enumerator.DisposeAsync();
            }
        }, TestContext.Current.CancellationToken);
        await ready.Task;
        await Task.Delay(500, TestContext.Current.CancellationToken); // the subscription binds its queue

        var progress = new List<ProcessStatus>();
        var runs = await Task.WhenAll(Enumerable.Range(1, 2).Select(i => client.RunAsync(new BrokerSum { Count = 3, ChildDelayMs = 100 * i }, new Progress(progress), TestContext.Current.CancellationToken).AsTask()));

        Assert.All(runs, run => Assert.Equal(BrokerSum.Expected(3), run.Total));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (finished.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await watch;
        Assert.Equal(2, finished.Count);
        lock (progress)
        {
            Assert.Contains(progress, status => status.State == ProcessState.Waiting);
        }
    }

    /// <summary>Collects reports synchronously (System.Progress posts to the thread pool, out of order).</summary>
    private sealed class Progress(List<ProcessStatus> statuses) : IProgress<ProcessStatus>
    {
        public void Report(ProcessStatus value)
        {
            lock (statuses)
            {
                statuses.Add(value);
            }
        }
    }
}
