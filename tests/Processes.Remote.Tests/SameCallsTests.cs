using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>The same <see cref="IProcessClient"/> calls behave the same against the in-process runtime and a remote worker.</summary>
public sealed class SameCallsTests(SharedWorker shared)
{
    [Fact]
    public async Task The_scenario_passes_in_process()
    {
        await using var runtime = new ProcessRuntime();
        await Scenario(runtime);
    }

    [Fact]
    public async Task The_scenario_passes_against_a_remote_worker()
    {
        await using var client = await shared.Worker.ConnectAsync().Within();
        await Scenario(client);
    }

    private static async Task Scenario(IProcessClient client)
    {
        Assert.Equal(49, (await client.RunAsync(new RemoteSquare { X = 7 }).Within()).Result);
        Assert.Equal(RemoteSumOfSquares.Expected(3), (await client.RunAsync(new RemoteSumOfSquares { Count = 3 }).Within()).Total);

        var invalid = await Assert.ThrowsAsync<PortValidationException>(async () => await client.RunAsync(new RemoteSquare { X = -3, DelayMs = 70_000 })).Within();
        Assert.Equal(["inputs.x", "inputs.delay_ms"], invalid.Errors.Select(error => error.Path));

        var excepted = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await client.RunAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Throw })).Within();
        Assert.Equal(typeof(InvalidOperationException).FullName, excepted.Error.TypeName);

        var handle = await client.LaunchAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }).Within();
        Assert.Contains(await client.ListAsync().Within(), status => status.Id == handle.Id);
        Assert.Equal(ProcessControlOutcome.Applied, (await client.PauseAsync(handle.Id, "wait").Within()).Outcome);
        Assert.True((await client.GetStatusAsync(handle.Id).Within()).Paused);
        Assert.Equal(ProcessControlOutcome.Applied, (await client.PlayAsync(handle.Id).Within()).Outcome);
        Assert.Equal(ProcessControlOutcome.Applied, (await client.KillAsync(handle.Id, "stop", force: true).Within()).Outcome);
        Assert.Equal("stop", (await Assert.ThrowsAsync<ProcessKilledException>(async () => await handle.WaitAsync()).Within()).KillMessage);

        var progress = new TestKit.StatusRecorder();
        using var cancellation = new CancellationTokenSource();
        var run = client.RunAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }, progress, cancellation.Token);
        await TestKit.Until(() => Task.FromResult(progress.Statuses.Count), count => count > 0);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await run).Within();

        var sum = await client.LaunchAsync(new RemoteSumOfSquares { Count = 2 }).Within();
        await sum.WaitAsync().Within();
        var continued = await client.ContinueAsync<RemoteSumOfSquares>(sum.Id).Within();
        Assert.Equal(RemoteSumOfSquares.Expected(2), (await continued.WaitAsync().Within()).Total);
        await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await client.ContinueAsync<RemoteSquare>(ProcessId.New())).Within();
    }
}
