using System;
using System.Threading.Tasks;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>PRODUCT.md §4: pause, play and kill.</summary>
public sealed class ControlTests
{
    [Fact]
    public async Task Pause_keeps_the_previous_status_message_and_play_restores_it()
    {
        await using var runtime = NewRuntime();
        var gate = new Gate();
        var script = TestHooks.Register(async (step, _, context) =>
        {
            if (step == "setup")
            {
                context.ReportStatus("setting up");
                await gate.Pass(context.CancellationToken);
            }
        });
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = script });
        await gate.Entered.Within();

        var paused = await handle.PauseAsync("operator break");
        Assert.Equal(ProcessControlOutcome.Applied, paused.Outcome);
        Assert.True(handle.Status.Paused);
        Assert.Equal("operator break", handle.Status.StatusMessage);
        Assert.Equal(ProcessState.Running, handle.State);

        var played = await handle.PlayAsync();
        Assert.Equal(ProcessControlOutcome.Applied, played.Outcome);
        Assert.False(handle.Status.Paused);
        Assert.Equal("setting up", handle.Status.StatusMessage);

        gate.Open();
        await handle.WaitAsync().Within();
    }

    [Fact]
    public async Task A_paused_process_does_not_start_its_next_step_until_played()
    {
        await using var runtime = NewRuntime();
        var gate = new Gate();
        var script = TestHooks.Register(async (step, _, context) =>
        {
            if (step == "setup")
            {
                await gate.Pass(context.CancellationToken);
            }
        });
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 2, Script = script });
        await gate.Entered.Within();
        await handle.PauseAsync("hold");
        gate.Open();

        await Task.Delay(200);
        Assert.Equal(["setup"], handle.Process.Trace);
        Assert.Equal(ProcessState.Running, handle.State);
        Assert.Equal(ProcessControlOutcome.Unchanged, (await handle.PauseAsync("again")).Outcome);

        await handle.PlayAsync();
        var result = await handle.WaitAsync().Within();
        Assert.Equal(5, result.Total);
    }

    [Fact]
    public async Task A_waiting_process_is_killed_at_once_and_its_children_are_killed_too()
    {
        await using var runtime = NewRuntime();
        var recorder = new Recorder(runtime);
        var childGate = new Gate();
        var childScript = TestHooks.Register(async (_, _, context) => await childGate.Pass(context.CancellationToken));
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, ChildScript = childScript });
        await childGate.Entered.Within();
        await Until(() => handle.State == ProcessState.Waiting);
        var child = Assert.Single(runtime.Processes, p => p.Id != handle.Id);

        var kill = await handle.KillAsync("no longer needed");

        Assert.Equal(ProcessControlOutcome.Applied, kill.Outcome);
        Assert.Equal(ProcessState.Killed, handle.State);
        var killed = await Assert.ThrowsAsync<ProcessKilledException>(() => handle.WaitAsync().Within());
        Assert.Equal("no longer needed", killed.KillMessage);
        await child.WaitForTerminationAsync().Within();
        Assert.Equal(ProcessState.Killed, child.State);
        Assert.Equal((ProcessState.Waiting, ProcessState.Killed), recorder.For(handle.Id)[^1]);
    }

    [Fact]
    public async Task A_running_step_observes_the_kill_through_its_cancellation_token()
    {
        await using var runtime = NewRuntime();
        var gate = new Gate();
        var observed = false;
        var script = TestHooks.Register(async (step, _, context) =>
        {
            if (step == "setup")
            {
                try
                {
                    await gate.Pass(context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    observed = true;
                    throw;
                }
            }
        });
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = script });
        await gate.Entered.Within();

        var kill = await handle.KillAsync("stop");

        Assert.Equal(ProcessControlOutcome.Applied, kill.Outcome);
        await Assert.ThrowsAsync<ProcessKilledException>(() => handle.WaitAsync().Within());
        Assert.True(observed);
        Assert.Equal(ProcessState.Killed, handle.State);
    }

    [Fact]
    public async Task A_step_that_ignores_the_kill_finishes_but_no_further_step_starts()
    {
        await using var runtime = NewRuntime();
        var gate = new Gate();
        var script = TestHooks.Register(async (step, _, _) =>
        {
            if (step == "setup")
            {
                await gate.PassIgnoringCancellation();
            }
        });
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = script });
        await gate.Entered.Within();

        await handle.KillAsync("stop");
        Assert.Equal(ProcessState.Running, handle.State);
        gate.Open();

        await Assert.ThrowsAsync<ProcessKilledException>(() => handle.WaitAsync().Within());
        Assert.Equal(["setup"], handle.Process.Trace);
    }

    [Fact]
    public async Task A_forced_kill_does_not_wait_for_the_running_step()
    {
        var store = new Processes.Checkpoints.InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        var gate = new Gate();
        var script = TestHooks.Register(async (step, _, _) =>
        {
            if (step == "setup")
            {
                await gate.PassIgnoringCancellation();
            }
        });
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = script });
        await gate.Entered.Within();

        await handle.KillAsync("now", force: true);

        Assert.Equal(ProcessState.Killed, handle.State);
        await Assert.ThrowsAsync<ProcessKilledException>(() => handle.WaitAsync().Within());
        gate.Open();
        await Task.Delay(100);
        Assert.Equal(ProcessState.Killed, handle.State);

        // The step was mid-way, so the killed checkpoint keeps the last consistent data and reloads as killed.
        Assert.Equal(ProcessState.Killed, (await store.LoadAsync(handle.Id))!.Info.State);
        await using var reloaded = NewRuntime(store);
        var continued = await reloaded.ContinueAsync<ScriptedSumOfSquares>(handle.Id);
        Assert.Equal(ProcessState.Killed, continued.State);
        Assert.Equal("now", continued.Status.KillMessage);
        Assert.Empty(continued.Process.Trace);
    }

    [Fact]
    public async Task A_created_process_can_be_killed_before_it_starts()
    {
        await using var runtime = NewRuntime();
        var recorder = new Recorder(runtime);
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1 }, new LaunchOptions { StartPaused = true });

        await handle.KillAsync();

        Assert.Equal([(ProcessState.Created, ProcessState.Killed)], recorder.For(handle.Id));
        Assert.Empty(handle.Process.Trace);
    }

    [Fact]
    public async Task PauseAll_PlayAll_and_KillAll_reach_every_process()
    {
        await using var runtime = NewRuntime();
        var first = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1 }, new LaunchOptions { StartPaused = true });
        var second = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1 }, new LaunchOptions { StartPaused = true });

        Assert.Equal(2, await runtime.PlayAllAsync());
        await first.WaitAsync().Within();
        await second.WaitAsync().Within();

        var third = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1 }, new LaunchOptions { StartPaused = true });
        Assert.Equal(1, await runtime.KillAllAsync("shutdown"));
        Assert.Equal(ProcessState.Killed, third.State);
    }
}
