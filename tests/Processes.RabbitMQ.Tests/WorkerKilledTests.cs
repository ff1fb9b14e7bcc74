using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>A worker OS process killed with SIGKILL mid-run: its messages are redelivered and another worker continues its processes from their checkpoints.</summary>
public sealed class WorkerKilledTests(SharedBroker broker)
{
    [Fact]
    public async Task A_killed_workers_processes_finish_on_another_worker_with_no_completed_child_rerun()
    {
        await using var deployment = new Deployment(broker);
        await using var doomed = await WorkerProcess.StartAsync(deployment, slots: 4);
        var client = await deployment.ConnectAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => client.SubmitAsync(
            new BrokerSum { Count = 8, ChildDelayMs = 150, LedgerPath = deployment.LedgerPath, Tag = "p" + i },
            cancellationToken: TestContext.Current.CancellationToken).AsTask()));

        // Kill once every process has collected a few children, so each has checkpoints to continue from.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Enumerable.Range(0, 4).Any(i => LedgerChecks.Count(deployment.LedgerLines(), "p" + i, "collect") < 2))
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker made no progress");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await doomed.KillAsync();
        var collectedBeforeKill = Enumerable.Range(0, 4).Sum(i => LedgerChecks.Count(deployment.LedgerLines(), "p" + i, "collect"));
        var survivor = await deployment.StartWorkerAsync(slots: 4);

        var results = await Task.WhenAll(ids.Select(id => client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken).AsTask()));

        Assert.All(results, result => Assert.Equal(BrokerSum.Expected(8), result.Total));
        Assert.Equal(4, survivor.ProcessesTakenOver);
        var lines = deployment.LedgerLines();
        Assert.Empty(LedgerChecks.CompletedChildrenRerun(lines));
        Assert.True(LedgerChecks.ChildReruns(lines) <= 4, $"{LedgerChecks.ChildReruns(lines)} child reruns for one kill of 4 processes");
        Assert.True(collectedBeforeKill >= 8);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(8, LedgerChecks.Count(lines, "p" + i, "child-done") - DuplicateDone(lines, "p" + i)));
    }

    /// <summary>child-done lines beyond one per child: a child cut off after its body finished but before its end was stored.</summary>
    private static int DuplicateDone(System.Collections.Generic.IReadOnlyList<string> lines, string tag) =>
        lines.Where(line => line.StartsWith(tag + " child-done ", StringComparison.Ordinal)).GroupBy(line => line, StringComparer.Ordinal).Sum(group => group.Count() - 1);
}
