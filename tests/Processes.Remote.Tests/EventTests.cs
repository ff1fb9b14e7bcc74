using System;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>External events raised over the pipe to a process running on a real worker.</summary>
public sealed class EventTests(SharedWorker shared) : IAsyncLifetime
{
    private ProcessClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await shared.Worker.ConnectAsync().Within();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task A_typed_event_raised_by_a_client_reaches_the_waiting_process_on_the_worker()
    {
        var handle = await _client.LaunchAsync(new RemoteApproval()).Within();
        await WaitUntilWaitingAsync(handle.Id);
        Assert.Equal(["asked"], (await _client.GetStatusAsync(handle.Id).Within()).EmittedOutputs);
        Assert.Equal(["asked"], Assert.Single(await _client.ListAsync().Within(), status => status.Id == handle.Id).EmittedOutputs);

        var result = await _client.RaiseEventAsync(handle.Id, "approval", new RemoteDecision { By = "carol" }).Within();

        Assert.Equal(ProcessEventOutcome.Delivered, result.Outcome);
        Assert.Equal("approved by carol", (await handle.WaitAsync().Within()).Outcome);
    }

    [Fact]
    public async Task An_invalid_payload_is_refused_before_it_is_sent_and_a_terminated_process_rejects_events()
    {
        var handle = await _client.LaunchAsync(new RemoteApproval { TimeoutMs = 1 }).Within();
        await WaitUntilWaitingOrDoneAsync(handle.Id);
        var invalid = await Assert.ThrowsAsync<PortValidationException>(async () =>
            await _client.RaiseEventAsync(handle.Id, "approval", new RemoteDecision { By = "" })).Within();
        Assert.Equal("event.approval.by", Assert.Single(invalid.Errors).Path);

        Assert.Equal("timed out", (await handle.WaitAsync().Within()).Outcome);
        var rejected = await _client.RaiseEventAsync(handle.Id, "approval").Within();
        Assert.Equal(ProcessEventOutcome.Rejected, rejected.Outcome);
    }

    [Fact]
    public async Task An_event_for_an_unknown_process_is_a_typed_error()
    {
        await Assert.ThrowsAnyAsync<ProcessException>(async () => await _client.RaiseEventAsync(ProcessId.New(), "approval")).Within();
    }

    private async Task WaitUntilWaitingAsync(ProcessId id)
    {
        for (var i = 0; i < 400; i++)
        {
            if ((await _client.GetStatusAsync(id)).State == ProcessState.Waiting)
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("the process never waited");
    }

    private async Task WaitUntilWaitingOrDoneAsync(ProcessId id)
    {
        for (var i = 0; i < 400 && (await _client.GetStatusAsync(id)).State is ProcessState.Created or ProcessState.Running; i++)
        {
            await Task.Delay(10);
        }
    }
}
