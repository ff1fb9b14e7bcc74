using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// <see cref="RabbitMqWorkerOptions.ChildrenOnAnyWorker"/>: children are work messages of their
/// own, and a parent waiting for them holds no slot; each ending child continues it.
/// </summary>
public sealed class ChildrenOnAnyWorkerTests(SharedBroker broker)
{
    [Fact]
    public async Task A_parent_on_a_single_slot_worker_finishes_with_its_children_run_on_that_same_slot()
    {
        await using var deployment = new Deployment(broker);
        // One slot for the parent and every child: a parent that kept its slot while it waited
        // would leave its children queued forever.
        var worker = await deployment.StartWorkerAsync(slots: 1, childrenOnAnyWorker: true);
        var client = await deployment.ConnectAsync();

        var fanIn = await client.RunAsync(new BrokerFanIn { Count = 4, LedgerPath = deployment.LedgerPath, Tag = "f" }, TestContext.Current.CancellationToken);
        var sum = await client.RunAsync(new BrokerSum { Count = 3, LedgerPath = deployment.LedgerPath, Tag = "s" }, TestContext.Current.CancellationToken);

        Assert.Equal(BrokerSum.Expected(4), fanIn.Total);
        Assert.Equal(BrokerSum.Expected(3), sum.Total);
        // Each child was a message of its own on the worker (not run beside its parent), and the
        // parents were continued by their children's ends: at least launch + children + one wake each.
        Assert.True(worker.ProcessesTaken >= (1 + 4 + 1) + (1 + 3 + 3), $"only {worker.ProcessesTaken} messages taken");
        Assert.Empty(LedgerChecks.CompletedChildrenRerun(deployment.LedgerLines()));
    }

    [Fact]
    public async Task A_waiting_parent_leaves_its_slot_and_goes_on_when_its_children_finish_on_another_worker()
    {
        await using var deployment = new Deployment(broker);
        var parents = await deployment.StartWorkerAsync(slots: 1, processNames: [NameOf<BrokerFanIn>(), NameOf<BrokerLabel>()], childrenOnAnyWorker: true);
        var client = await deployment.ConnectAsync();
        var run = client.RunAsync(new BrokerFanIn { Count = 3, LedgerPath = deployment.LedgerPath, Tag = "f" }, TestContext.Current.CancellationToken).AsTask();

        // Nobody serves the children yet: the parent waits for them...
        var handle = await WaitForParentWaitingAsync(client, deployment);
        // ...and its one slot is free meanwhile: another launch runs on the same worker.
        var label = await client.RunAsync(new BrokerLabel { Label = "beside" }, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal("beside", label.Echo);
        Assert.False(run.IsCompleted);

        var children = await deployment.StartWorkerAsync(slots: 2, processNames: [NameOf<BrokerSquare>()], childrenOnAnyWorker: true);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(BrokerSum.Expected(3), result.Total);
        Assert.Equal(3, children.ProcessesTaken);
        Assert.Equal(ProcessState.Finished, (await client.GetStatusAsync(handle, TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task Parents_whose_single_slot_worker_is_killed_finish_on_another_with_no_completed_child_rerun()
    {
        await using var deployment = new Deployment(broker);
        await using var doomed = await WorkerProcess.StartAsync(deployment, slots: 1, childrenOnAnyWorker: true);
        var client = await deployment.ConnectAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => client.SubmitAsync(
            new BrokerSum { Count = 5, ChildDelayMs = 100, LedgerPath = deployment.LedgerPath, Tag = "p" + i },
            cancellationToken: TestContext.Current.CancellationToken).AsTask()));

        // Kill once both parents have collected children, so each has a parked checkpoint to go on from.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Enumerable.Range(0, 2).Any(i => LedgerChecks.Count(deployment.LedgerLines(), "p" + i, "collect") < 2))
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker made no progress");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await doomed.KillAsync();
        await deployment.StartWorkerAsync(slots: 1, childrenOnAnyWorker: true);

        var results = await Task.WhenAll(ids.Select(id => client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken).AsTask()))
            .WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

        Assert.All(results, result => Assert.Equal(BrokerSum.Expected(5), result.Total));
        var lines = deployment.LedgerLines();
        Assert.Empty(LedgerChecks.CompletedChildrenRerun(lines));
        // Every square collected; a collect cut off by the kill before its checkpoint may run twice.
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(
            ["1", "2", "3", "4", "5"],
            lines.Where(line => line.StartsWith("p" + i + " collect ", StringComparison.Ordinal)).Select(line => line.Split(' ')[2]).Distinct().Order(StringComparer.Ordinal)));
    }

    private static async Task<ProcessId> WaitForParentWaitingAsync(RabbitMqProcessClient client, Deployment deployment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the parent never waited for its children");
            var statuses = await client.ListAsync(TestContext.Current.CancellationToken);
            foreach (var id in await StoredParentsAsync(deployment))
            {
                var status = await client.GetStatusAsync(id, TestContext.Current.CancellationToken);
                if (status.State == ProcessState.Waiting && statuses.All(running => running.Id != id))
                {
                    return id; // waiting, and no worker runs it: parked
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<ProcessId[]> StoredParentsAsync(Deployment deployment)
    {
        var store = new Checkpoints.FileCheckpointStore(deployment.StorePath);
        var roots = await store.ListAsync(new Checkpoints.CheckpointQuery { RootsOnly = true, ProcessName = NameOf<BrokerFanIn>() });
        return roots.Select(info => info.Id).ToArray();
    }

    private static string NameOf<TProcess>()
        where TProcess : class, IProcessDefinition<TProcess> => TProcess.Descriptor.Name;
}
