using System;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// A worker frozen (SIGSTOP) long enough for the broker to drop it and for its lease to lapse:
/// another worker takes the process over; when the zombie thaws, its saves carry a stale fencing
/// token and the store refuses them, so the heir's checkpoints and its finished result stand.
/// </summary>
public sealed class ZombieWorkerTests(SharedBroker broker)
{
    [Fact]
    public async Task A_zombie_worker_whose_lease_expired_cannot_overwrite_the_checkpoint_of_the_worker_that_took_over()
    {
        await using var deployment = new Deployment(broker);
        await using var zombie = await WorkerProcess.StartAsync(deployment, slots: 1, leaseSeconds: 2);
        var client = await deployment.ConnectAsync();
        var id = await client.SubmitAsync(
            new BrokerSum { Count = 12, ChildDelayMs = 150, LedgerPath = deployment.LedgerPath, Tag = "z" },
            cancellationToken: TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (LedgerChecks.Count(deployment.LedgerLines(), "z", "collect") < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no progress before the freeze");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await zombie.SignalAsync("STOP");
        var heir = await deployment.StartWorkerAsync(slots: 1, leaseDuration: TimeSpan.FromSeconds(2));

        // The broker hands the heir the message once it has dropped the silent zombie (missed
        // heartbeats), by which time the zombie's 2 s lease has lapsed. The zombie then wakes up in
        // the middle of work it believes it owns (and releases any store file lock it was frozen
        // holding, which the heir may be waiting for) and tries to save.
        while (heir.ProcessesTaken == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the broker never redelivered the frozen worker's message");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await zombie.SignalAsync("CONT");
        var result = await client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(BrokerSum.Expected(12), result.Total);
        Assert.Equal(1, heir.ProcessesTakenOver);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        var store = new FileCheckpointStore(deployment.StorePath);
        var checkpoint = await store.LoadAsync(id, TestContext.Current.CancellationToken);
        Assert.NotNull(checkpoint);
        var status = await client.GetStatusAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(ProcessState.Finished, status.State);
        Assert.Equal(BrokerSum.Expected(12), (await client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken)).Total);
    }
}
