using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>The broker stops and starts again mid-run (its own private node): client and worker reconnect and no process is lost.</summary>
public sealed class BrokerRestartTests
{
    [Fact]
    public async Task After_a_broker_restart_mid_run_every_process_finishes_and_a_waiting_run_gets_its_outputs()
    {
        SharedBroker.SkipUnlessInstalled();
        await using var node = new RabbitMqNode();
        await node.InitializeAsync();
        await using var deployment = new Deployment(node);
        var worker = await deployment.StartWorkerAsync(slots: 4);
        var client = await deployment.ConnectAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.SubmitAsync(
            new BrokerSum { Count = 10, ChildDelayMs = 200, LedgerPath = deployment.LedgerPath, Tag = "p" + i },
            cancellationToken: TestContext.Current.CancellationToken).AsTask()));
        var run = client.RunAsync(new BrokerSum { Count = 10, ChildDelayMs = 200, LedgerPath = deployment.LedgerPath, Tag = "run" }, TestContext.Current.CancellationToken).AsTask();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (LedgerChecks.Count(deployment.LedgerLines(), "run", "collect") < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no progress before the restart");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await node.StopAsync();

        // A call made while the broker is away fails typed, at once, rather than hanging.
        await Assert.ThrowsAsync<RabbitMqConnectionException>(() => client.PauseAsync(ids[0], cancellationToken: TestContext.Current.CancellationToken).AsTask());
        await node.StartAsync();

        var results = await Task.WhenAll(ids.Select(id => client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken).AsTask()));
        Assert.All(results, result => Assert.Equal(BrokerSum.Expected(10), result.Total));
        Assert.Equal(BrokerSum.Expected(10), (await run).Total);
        Assert.Empty(LedgerChecks.CompletedChildrenRerun(deployment.LedgerLines()));

        // Both ends work as before the restart.
        Assert.Equal(BrokerSum.Expected(2), (await client.RunAsync(new BrokerSum { Count = 2 }, TestContext.Current.CancellationToken)).Total);
        Assert.True(worker.ProcessesTaken >= 5);
    }
}
