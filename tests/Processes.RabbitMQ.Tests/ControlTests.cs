using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>Status, list, pause, play and kill by RPC to the owning worker; kill all by broadcast.</summary>
public sealed class ControlTests(SharedBroker broker)
{
    private static BrokerSum Long() => new() { Count = 40, ChildDelayMs = 100 };

    [Fact]
    public async Task Status_and_list_show_a_running_process_and_a_stored_one_answers_from_the_store()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var handle = await client.LaunchAsync(Long(), cancellationToken: TestContext.Current.CancellationToken);
        var status = await handle.GetStatusAsync(TestContext.Current.CancellationToken);
        Assert.Equal(handle.Id, status.Id);
        Assert.False(status.State.IsTerminal());
        var listed = await client.ListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(listed, s => s.Id == handle.Id);

        await handle.KillAsync("done looking", cancellationToken: TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<ProcessKilledException>(() => handle.WaitAsync(TestContext.Current.CancellationToken).AsTask());
        var unknown = ProcessId.New();
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => client.GetStatusAsync(unknown, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task Pause_holds_the_process_and_play_lets_it_finish()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var handle = await client.LaunchAsync(new BrokerSum { Count = 6, ChildDelayMs = 100 }, cancellationToken: TestContext.Current.CancellationToken);
        var paused = await handle.PauseAsync("hold", TestContext.Current.CancellationToken);
        Assert.Equal(ProcessControlOutcome.Applied, paused.Outcome);
        Assert.True((await handle.GetStatusAsync(TestContext.Current.CancellationToken)).Paused);
        Assert.Equal(ProcessControlOutcome.Unchanged, (await handle.PauseAsync("again", TestContext.Current.CancellationToken)).Outcome);

        Assert.Equal(ProcessControlOutcome.Applied, (await handle.PlayAsync(TestContext.Current.CancellationToken)).Outcome);
        var done = await handle.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(BrokerSum.Expected(6), done.Total);
        Assert.Equal(ProcessControlOutcome.Terminated, (await handle.KillAsync(cancellationToken: TestContext.Current.CancellationToken)).Outcome);
    }

    [Fact]
    public async Task Kill_ends_the_process_killed_and_its_wait_throws_the_typed_killed_error()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var handle = await client.LaunchAsync(Long(), cancellationToken: TestContext.Current.CancellationToken);
        var killed = await handle.KillAsync("stop it", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ProcessControlOutcome.Applied, killed.Outcome);
        var error = await Assert.ThrowsAsync<ProcessKilledException>(() => handle.WaitAsync(TestContext.Current.CancellationToken).AsTask());
        Assert.Contains("stop it", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProcessState.Killed, (await handle.GetStatusAsync(TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task Kill_all_reaches_every_worker_and_counts_what_it_killed()
    {
        await using var deployment = new Deployment(broker);
        var first = await deployment.StartWorkerAsync(slots: 2);
        var second = await deployment.StartWorkerAsync(slots: 2);
        var client = await deployment.ConnectAsync();

        var handles = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.LaunchAsync(new BrokerSum { Count = 3, ChildDelayMs = 5_000 }, cancellationToken: TestContext.Current.CancellationToken).AsTask()));
        Assert.Equal(2, first.ProcessesTaken);
        Assert.Equal(2, second.ProcessesTaken);

        // Each parent waits for its child: a parent killed in the middle of a step would see its
        // child killed first and fail instead (the runtime's kill-all race, not the transport's).
        foreach (var handle in handles)
        {
            while ((await handle.GetStatusAsync(TestContext.Current.CancellationToken)).State != ProcessState.Waiting)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        var count = await client.KillAllAsync("everyone", TestContext.Current.CancellationToken);

        Assert.True(count >= 4, $"killed {count}");
        foreach (var handle in handles)
        {
            await Assert.ThrowsAsync<ProcessKilledException>(() => handle.WaitAsync(TestContext.Current.CancellationToken).AsTask());
        }
    }

    [Fact]
    public async Task Pause_all_and_play_all_reach_every_worker()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        await deployment.StartWorkerAsync(slots: 1);
        var client = await deployment.ConnectAsync();

        var handles = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.LaunchAsync(new BrokerSum { Count = 5, ChildDelayMs = 100 }, cancellationToken: TestContext.Current.CancellationToken).AsTask()));
        Assert.True(await client.PauseAllAsync("hold", TestContext.Current.CancellationToken) >= 2);
        foreach (var handle in handles)
        {
            Assert.True((await handle.GetStatusAsync(TestContext.Current.CancellationToken)).Paused);
        }

        Assert.True(await client.PlayAllAsync(TestContext.Current.CancellationToken) >= 2);
        foreach (var handle in handles)
        {
            Assert.Equal(BrokerSum.Expected(5), (await handle.WaitAsync(TestContext.Current.CancellationToken)).Total);
        }
    }

    [Fact]
    public async Task A_draining_worker_finishes_what_it_runs_and_takes_nothing_new()
    {
        await using var deployment = new Deployment(broker);
        var draining = await deployment.StartWorkerAsync(slots: 2);
        var client = await deployment.ConnectAsync();
        var running = await client.LaunchAsync(new BrokerSum { Count = 4, ChildDelayMs = 500 }, cancellationToken: TestContext.Current.CancellationToken);

        var drain = draining.DrainAsync(TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken); // its consumers are cancelled by now; the process runs on
        var queued = await client.SubmitAsync(new BrokerSum { Count = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        await drain;
        Assert.Equal(1, draining.ProcessesTaken);

        // The drained worker is gone; a new one takes the queued launch and answers for the
        // finished process from its checkpoint.
        var successor = await deployment.StartWorkerAsync();
        Assert.Equal(BrokerSum.Expected(2), (await client.GetHandle<BrokerSum>(queued).WaitAsync(TestContext.Current.CancellationToken)).Total);
        Assert.Equal(BrokerSum.Expected(4), (await running.WaitAsync(TestContext.Current.CancellationToken)).Total);
        Assert.Equal(1, successor.ProcessesTaken);
    }
}
