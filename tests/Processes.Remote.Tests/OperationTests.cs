using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>Every single-process operation against a real worker, with typed results and typed errors.</summary>
public sealed class OperationTests(SharedWorker shared) : IAsyncLifetime
{
    private ProcessClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await shared.Worker.ConnectAsync().Within();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task Run_returns_an_instance_with_the_inputs_sent_and_the_outputs_computed_remotely()
    {
        var square = await _client.RunAsync(new RemoteSquare { X = 12 }).Within();

        Assert.Equal(12, square.X);
        Assert.Equal(144, square.Result);
    }

    [Fact]
    public async Task MapAsync_runs_an_item_per_process_on_the_worker_and_returns_them_in_order()
    {
        var items = Enumerable.Range(1, 40).ToArray();

        var squares = await _client.MapAsync(items, x => new RemoteSquare { X = x }, new MapOptions { MaxParallelism = 8 }).Within();

        Assert.Equal(items.Select(x => (long)x * x), squares.Select(square => (long)square.Result));
    }

    [Fact]
    public async Task Run_of_a_process_with_children_returns_its_outputs()
    {
        var sum = await _client.RunAsync(new RemoteSumOfSquares { Count = 4 }).Within();

        Assert.Equal(RemoteSumOfSquares.Expected(4), sum.Total);
        Assert.Equal("sum of 4 squares", sum.Summary);
    }

    [Fact]
    public async Task Run_with_progress_reports_the_status_of_the_process_as_it_changes()
    {
        var progress = new TestKit.StatusRecorder();

        var square = await _client.RunAsync(new RemoteSquare { X = 3, DelayMs = 100 }, progress).Within();

        Assert.Equal(9, square.Result);
        Assert.NotEmpty(progress.Statuses);
        Assert.All(progress.Statuses, status => Assert.Equal(TestKit.DescriptorOf<RemoteSquare>().Name, status.Name));
        Assert.Single(progress.Statuses.Select(status => status.Id).Distinct());
        Assert.Contains(progress.Statuses, status => status.State == ProcessState.Running);
    }

    [Fact]
    public async Task An_exception_in_the_worker_arrives_as_ProcessExceptedException_with_the_remote_type_message_and_stack()
    {
        var error = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await _client.RunAsync(new RemoteSquare { X = 5, Mode = RemoteSquare.Throw })).Within();

        Assert.Equal(TestKit.DescriptorOf<RemoteSquare>().Name, error.ProcessName);
        Assert.Equal(typeof(InvalidOperationException).FullName, error.Error.TypeName);
        Assert.Equal("Square of 5 refused on purpose.", error.Error.Message);
        Assert.Contains(nameof(RemoteSquare), error.Error.StackTrace);
    }

    [Fact]
    public async Task Invalid_inputs_arrive_as_PortValidationException_listing_every_error_with_its_path()
    {
        var error = await Assert.ThrowsAsync<PortValidationException>(async () => await _client.RunAsync(new RemoteSquare { X = -1, DelayMs = -5 })).Within();

        Assert.Equal(TestKit.DescriptorOf<RemoteSquare>().Name, error.ProcessName);
        Assert.Equal(["inputs.x", "inputs.delay_ms"], error.Errors.Select(e => e.Path));
    }

    [Fact]
    public async Task A_process_without_a_required_output_arrives_as_ProcessFinishedUnsuccessfullyException_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<ProcessFinishedUnsuccessfullyException>(
            async () => await _client.RunAsync(new RemoteSumOfSquares { Count = 1, SkipSummary = true })).Within();

        Assert.Equal(ProcessExitCodes.InvalidOutputs, error.ExitCode);
        Assert.Contains("outputs.summary", error.ExitMessage);
    }

    [Fact]
    public async Task A_type_the_worker_does_not_know_arrives_as_UnknownProcessTypeException()
    {
        var error = await Assert.ThrowsAsync<UnknownProcessTypeException>(async () => await _client.RunAsync(new NotOnWorker())).Within();

        Assert.Equal(NotOnWorker.Descriptor.Name, error.ProcessName);
    }

    [Fact]
    public async Task Launch_returns_at_once_and_the_handle_pauses_plays_and_waits()
    {
        var handle = await _client.LaunchAsync(new RemoteSquare { X = 9, DelayMs = 300 }).Within();
        Assert.Equal(TestKit.DescriptorOf<RemoteSquare>().Name, handle.Name);

        var paused = await handle.PauseAsync("hold on").Within();
        Assert.Equal(ProcessControlOutcome.Applied, paused.Outcome);
        var status = await handle.GetStatusAsync().Within();
        Assert.True(status.Paused);
        Assert.Equal("hold on", status.StatusMessage);
        Assert.Equal(ProcessControlOutcome.Unchanged, (await handle.PauseAsync().Within()).Outcome);

        Assert.Equal(ProcessControlOutcome.Applied, (await handle.PlayAsync().Within()).Outcome);
        var square = await handle.WaitAsync().Within();

        Assert.Equal(81, square.Result);
        Assert.Equal(ProcessState.Finished, (await handle.GetStatusAsync().Within()).State);
    }

    [Fact]
    public async Task Kill_with_force_ends_a_hanging_process_and_its_waiters_get_ProcessKilledException()
    {
        var handle = await _client.LaunchAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }).Within();
        var waiting = handle.WaitAsync();

        var killed = await handle.KillAsync("enough", force: true).Within();

        Assert.Equal(ProcessControlOutcome.Applied, killed.Outcome);
        var error = await Assert.ThrowsAsync<ProcessKilledException>(async () => await waiting).Within();
        Assert.Equal("enough", error.KillMessage);
        Assert.Equal(handle.Id, error.ProcessId);
        Assert.Equal(ProcessControlOutcome.Terminated, (await handle.KillAsync().Within()).Outcome);
        Assert.Equal(ProcessState.Killed, (await _client.GetStatusAsync(handle.Id).Within()).State);
    }

    [Fact]
    public async Task Continue_by_id_of_a_finished_process_returns_its_outputs()
    {
        var handle = await _client.LaunchAsync(new RemoteSquare { X = 4 }).Within();
        await handle.WaitAsync().Within();

        var continued = await _client.ContinueAsync<RemoteSquare>(handle.Id).Within();
        var square = await continued.WaitAsync().Within();
        var direct = await _client.ContinueAndWaitAsync<RemoteSquare>(handle.Id).Within();

        Assert.Equal(4, square.X);
        Assert.Equal(16, square.Result);
        Assert.Equal(16, direct.Result);
    }

    [Fact]
    public async Task Continue_as_the_wrong_type_is_refused()
    {
        var handle = await _client.LaunchAsync(new RemoteSquare { X = 2 }).Within();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _client.ContinueAsync<RemoteSumOfSquares>(handle.Id)).Within();
    }

    [Fact]
    public async Task An_unknown_id_arrives_as_CheckpointNotFoundException_for_continue_status_and_control()
    {
        var id = ProcessId.New();

        Assert.Equal(id, (await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await _client.ContinueAsync<RemoteSquare>(id)).Within()).ProcessId);
        await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await _client.GetStatusAsync(id)).Within();
        await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await _client.PauseAsync(id)).Within();
    }

    [Fact]
    public async Task List_shows_running_processes_and_not_terminated_ones()
    {
        var handle = await _client.LaunchAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }).Within();

        // A launch answers once the process is created; on a busy machine it may not run yet.
        await TestKit.Until(async () => await _client.GetStatusAsync(handle.Id), status => status.State == ProcessState.Running);
        var running = await _client.ListAsync().Within();
        await handle.KillAsync(force: true).Within();
        await TestKit.Until(async () => await _client.GetStatusAsync(handle.Id), status => status.State == ProcessState.Killed);
        var after = await _client.ListAsync().Within();

        Assert.Contains(running, status => status.Id == handle.Id && status.State == ProcessState.Running);
        Assert.DoesNotContain(after, status => status.Id == handle.Id);
    }

    [Fact]
    public async Task Launch_options_choose_the_id_and_start_paused()
    {
        var id = ProcessId.New();

        var handle = await _client.LaunchAsync(new RemoteSquare { X = 6 }, new LaunchOptions { Id = id, StartPaused = true, Tags = ["remote"] }).Within();

        Assert.Equal(id, handle.Id);
        Assert.True((await handle.GetStatusAsync().Within()).Paused);
        await handle.PlayAsync().Within();
        Assert.Equal(36, (await handle.WaitAsync().Within()).Result);
    }

    [Fact]
    public async Task Fire_and_forget_calls_get_no_reply_but_take_effect()
    {
        var id = await _client.SubmitAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }).Within();

        // Calls on one connection run concurrently: the launch may not have happened when the first status call arrives.
        await TestKit.Until(async () => await StatusOrNullAsync(id), status => status?.State == ProcessState.Running);

        await _client.PauseWithoutReplyAsync(id, "quiet").Within();
        await TestKit.Until(async () => await _client.GetStatusAsync(id), status => status.Paused);
        await _client.PlayWithoutReplyAsync(id).Within();
        await TestKit.Until(async () => await _client.GetStatusAsync(id), status => !status.Paused);
        await _client.KillWithoutReplyAsync(id, "bye", force: true).Within();

        var killed = await TestKit.Until(async () => await _client.GetStatusAsync(id), status => status.State == ProcessState.Killed);
        Assert.Equal("bye", killed.KillMessage);
    }

    [Fact]
    public async Task A_failing_fire_and_forget_call_sends_nothing_and_the_connection_goes_on()
    {
        await _client.KillWithoutReplyAsync(ProcessId.New()).Within();

        Assert.Equal(4, (await _client.RunAsync(new RemoteSquare { X = 2 }).Within()).Result);
    }

    [Fact]
    public async Task Cancelling_a_run_kills_the_remote_process()
    {
        var progress = new TestKit.StatusRecorder();
        using var cancellation = new CancellationTokenSource();
        var run = _client.RunAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }, progress, cancellation.Token);
        await TestKit.Until(() => Task.FromResult(progress.Statuses.Count), count => count > 0);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await run).Within();
        var id = progress.Statuses.First().Id;
        var status = await TestKit.Until(async () => await _client.GetStatusAsync(id), status => status.State == ProcessState.Killed);
        Assert.Equal("The remote caller cancelled the run.", status.KillMessage);
    }

    [Fact]
    public async Task A_client_that_disconnects_during_a_run_does_not_kill_the_process()
    {
        var progress = new TestKit.StatusRecorder();
        var leaving = await shared.Worker.ConnectAsync().Within();
        var run = leaving.RunAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }, progress);
        await TestKit.Until(() => Task.FromResult(progress.Statuses.Count), count => count > 0);

        await leaving.DisposeAsync();

        await Assert.ThrowsAsync<RemoteProcessException>(async () => await run).Within();
        var id = progress.Statuses.First().Id;
        await Task.Delay(100);
        Assert.Equal(ProcessState.Running, (await _client.GetStatusAsync(id).Within()).State);
        await _client.KillAsync(id, force: true).Within();
    }

    [Fact]
    public async Task Cancelling_a_wait_stops_waiting_and_the_process_goes_on()
    {
        var handle = await _client.LaunchAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }).Within();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await handle.WaitAsync(cancellation.Token)).Within();

        Assert.Equal(ProcessState.Running, (await handle.GetStatusAsync().Within()).State);
        await handle.KillAsync(force: true).Within();
    }

    [Fact]
    public async Task Wait_with_progress_reports_the_terminal_state_changes()
    {
        var handle = await _client.LaunchAsync(new RemoteSumOfSquares { Count = 2, ChildDelayMs = 50 }).Within();
        var progress = new TestKit.StatusRecorder();

        var sum = await handle.WaitAsync(progress).Within();

        Assert.Equal(RemoteSumOfSquares.Expected(2), sum.Total);
        Assert.NotEmpty(progress.Statuses);
        Assert.All(progress.Statuses, status => Assert.Equal(handle.Id, status.Id));
    }

    private async Task<ProcessStatus?> StatusOrNullAsync(ProcessId id)
    {
        try
        {
            return await _client.GetStatusAsync(id);
        }
        catch (CheckpointNotFoundException)
        {
            return null;
        }
    }
}
