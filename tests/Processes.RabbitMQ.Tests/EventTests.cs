using System;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>External events raised through the broker: to the owning worker, or into the store when no worker runs the process.</summary>
public sealed class EventTests(SharedBroker broker)
{
    [Fact]
    public async Task An_event_reaches_the_waiting_process_on_its_worker_and_a_finished_one_rejects_it()
    {
        var token = TestContext.Current.CancellationToken;
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();

        var handle = await client.LaunchAsync(new BrokerApproval(), cancellationToken: token);
        for (var i = 0; i < 500 && (await handle.GetStatusAsync(token)).State != ProcessState.Waiting; i++)
        {
            await Task.Delay(20, token);
        }

        Assert.Equal(["asked"], (await client.GetStatusAsync(handle.Id, token)).EmittedOutputs);
        Assert.Equal(["asked"], Assert.Single(await client.ListAsync(token), status => status.Id == handle.Id).EmittedOutputs);
        var raised = await client.RaiseEventAsync(handle.Id, "approval", new BrokerDecision { By = "dana" }, token);
        Assert.Equal(ProcessEventOutcome.Delivered, raised.Outcome);
        Assert.Equal("approved by dana", (await handle.WaitAsync(token)).Outcome);

        Assert.Equal(ProcessEventOutcome.Rejected, (await client.RaiseEventAsync(handle.Id, "approval", token)).Outcome);
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => client.RaiseEventAsync(ProcessId.New(), "approval", token).AsTask());
    }

    [Fact]
    public async Task A_JSON_event_for_a_process_no_worker_runs_is_read_and_stored_by_a_worker_and_taken_when_it_is_continued()
    {
        var token = TestContext.Current.CancellationToken;
        ProcessRegistry.Global.RegisterEventPayload<BrokerDecision>();
        await using var deployment = new Deployment(broker);

        // The process waits in the shared store, stopped: no worker runs it.
        ProcessId id;
        await using (var elsewhere = new ProcessRuntime(new ProcessRuntimeOptions { Store = new Checkpoints.FileCheckpointStore(deployment.StorePath) }))
        {
            var waiting = await elsewhere.LaunchAsync(new BrokerApproval(), cancellationToken: token);
            id = waiting.Id;
            for (var i = 0; i < 500 && waiting.Status.State != ProcessState.Waiting; i++)
            {
                await Task.Delay(20, token);
            }

            await elsewhere.StopAsync();
        }

        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();
        var type = typeof(BrokerDecision).FullName!;
        var refused = await Assert.ThrowsAsync<Ports.PortValidationException>(() => client.RaiseEventAsync(id, "approval", type, """{ "by": 7 }""", token).AsTask());
        Assert.Equal(new Ports.PortError("event.approval.by", "must be a JSON string, but was 7"), Assert.Single(refused.Errors));

        var stored = await client.RaiseEventAsync(id, "approval", type, """{ "by": "frank" }""", token);
        Assert.Equal(ProcessEventOutcome.Stored, stored.Outcome);
        var continued = await client.ContinueAsync<BrokerApproval>(id, cancellationToken: token);
        Assert.Equal("approved by frank", (await continued.WaitAsync(token)).Outcome);
    }
}
