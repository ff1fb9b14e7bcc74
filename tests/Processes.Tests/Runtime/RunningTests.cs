using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Ports;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>Running tasks and processes to their outputs, and how they end.</summary>
public sealed class RunningTests
{
    [Fact]
    public async Task A_task_runs_to_its_outputs()
    {
        await using var runtime = NewRuntime();
        var square = await runtime.RunAsync(new ScriptedSquare { X = 7 }).Within();
        Assert.Equal(49, square.Result);
    }

    [Fact]
    public async Task A_process_launches_children_waits_for_them_and_reads_their_outputs()
    {
        await using var runtime = NewRuntime();
        var recorder = new Recorder(runtime);
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 3 });
        var result = await handle.WaitAsync().Within();

        Assert.Equal(1 + 4 + 9, result.Total);
        Assert.Equal(["setup", "launch0", "collect0", "launch1", "collect1", "launch2", "collect2", "finish"], result.Trace);
        Assert.Equal(
            [
                (ProcessState.Created, ProcessState.Running),
                (ProcessState.Running, ProcessState.Waiting), (ProcessState.Waiting, ProcessState.Running),
                (ProcessState.Running, ProcessState.Waiting), (ProcessState.Waiting, ProcessState.Running),
                (ProcessState.Running, ProcessState.Waiting), (ProcessState.Waiting, ProcessState.Running),
                (ProcessState.Running, ProcessState.Finished),
            ],
            recorder.For(handle.Id));
        Assert.True(handle.Status.IsSuccessful);
    }

    [Fact]
    public async Task A_process_launched_by_name_with_raw_inputs_runs_and_reports_outputs_by_port_name()
    {
        await using var runtime = NewRuntime();
        var raw = new Dictionary<string, object?> { ["count"] = 2 };
        var handle = await runtime.LaunchAsync("Processes.Tests.ScriptedSumOfSquares", raw);
        var outputs = await handle.GetOutputsAsync().Within();

        Assert.Equal(5, outputs["total"]);
        Assert.Single(raw);
    }

    [Fact]
    public async Task Invalid_inputs_throw_a_typed_error_and_launch_nothing()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);

        var error = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 500 }));

        var only = Assert.Single(error.Errors);
        Assert.Equal("inputs.count", only.Path);
        Assert.Contains("at most 100", only.Message, StringComparison.Ordinal);
        Assert.Empty(runtime.Processes);
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task Invalid_raw_inputs_by_name_list_every_error_with_its_path()
    {
        await using var runtime = NewRuntime();
        var raw = new Dictionary<string, object?> { ["count"] = "three", ["colour"] = "red" };

        var error = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync("Processes.Tests.ScriptedSumOfSquares", raw));

        Assert.Equal(["inputs.count", "inputs.colour"], System.Linq.Enumerable.Select(error.Errors, e => e.Path));
        Assert.Empty(runtime.Processes);
    }

    [Fact]
    public async Task A_process_that_finishes_without_a_required_output_is_finished_unsuccessful_and_keeps_the_reason()
    {
        await using var runtime = NewRuntime();
        var script = TestHooks.Register((step, process, _) =>
        {
            if (step == "finish")
            {
                ((ScriptedSumOfSquares)process).Summary = null!;
            }

            return default;
        });
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = script });

        var error = await Assert.ThrowsAsync<ProcessFinishedUnsuccessfullyException>(() => handle.WaitAsync().Within());

        Assert.Equal(ProcessExitCodes.InvalidOutputs, error.ExitCode);
        Assert.Contains("outputs.summary", error.ExitMessage, StringComparison.Ordinal);
        var status = handle.Status;
        Assert.Equal(ProcessState.Finished, status.State);
        Assert.False(status.IsSuccessful);
        Assert.Contains("outputs.summary: required value was not provided", status.ExitMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outline_return_ends_the_process_early_with_its_exit_code_and_message()
    {
        await using var runtime = NewRuntime();
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = "return-early" });

        var error = await Assert.ThrowsAsync<ProcessFinishedUnsuccessfullyException>(() => handle.WaitAsync().Within());

        Assert.Equal(3, error.ExitCode);
        Assert.Equal("returned early", error.ExitMessage);
        Assert.DoesNotContain("finish", handle.Process.Trace);
        Assert.Null(handle.Process.Summary);
    }

    [Fact]
    public async Task An_exception_in_a_step_makes_the_process_excepted_and_reaches_whoever_awaits_it_with_type_message_and_stack()
    {
        await using var runtime = NewRuntime();
        var recorder = new Recorder(runtime);
        var script = TestHooks.Register((step, _, _) => step == "setup" ? throw new InvalidOperationException("setup exploded") : default);
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1, Script = script });

        var error = await Assert.ThrowsAsync<ProcessExceptedException>(() => handle.WaitAsync().Within());

        Assert.Equal("System.InvalidOperationException", error.Error.TypeName);
        Assert.Equal("setup exploded", error.Error.Message);
        Assert.Contains(nameof(TestHooks), error.Error.StackTrace, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(ProcessState.Excepted, handle.State);
        Assert.Equal([(ProcessState.Created, ProcessState.Running), (ProcessState.Running, ProcessState.Excepted)], recorder.For(handle.Id));
    }

    [Fact]
    public async Task A_failing_child_fails_its_parent_with_the_childs_exception()
    {
        await using var runtime = NewRuntime();
        var childScript = TestHooks.Register((_, _, _) => throw new ArithmeticException("child overflowed"));
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 2, ChildScript = childScript });

        var error = await Assert.ThrowsAsync<ProcessExceptedException>(() => handle.WaitAsync().Within());

        Assert.Equal(typeof(ChildProcessFailedException).FullName, error.Error.TypeName);
        Assert.Contains("square0", error.Error.Message, StringComparison.Ordinal);
        Assert.Equal("System.ArithmeticException", error.Error.Inner?.TypeName);
        var childFailure = Assert.IsType<ChildProcessFailedException>(error.InnerException);
        Assert.IsType<ArithmeticException>(childFailure.InnerException);
        Assert.Equal("child overflowed", childFailure.ChildStatus.Error?.Message);
    }

    [Fact]
    public async Task A_listener_that_throws_does_not_break_the_process_or_other_listeners()
    {
        await using var runtime = NewRuntime();
        var recorder = new Recorder(runtime);
        runtime.StateChanged += (_, _) => throw new InvalidOperationException("listener bug");
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1 });

        Assert.Equal(1, (await handle.WaitAsync().Within()).Total);
        Assert.Equal((ProcessState.Running, ProcessState.Finished), recorder.For(handle.Id)[^1]);
    }

    [Fact]
    public async Task A_terminated_process_answers_every_control_call_with_terminated()
    {
        await using var runtime = NewRuntime();
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1 });
        await handle.WaitAsync().Within();

        Assert.Equal(ProcessControlOutcome.Terminated, (await handle.PauseAsync()).Outcome);
        Assert.Equal(ProcessControlOutcome.Terminated, (await handle.PlayAsync()).Outcome);
        var kill = await handle.KillAsync("too late");
        Assert.Equal(ProcessControlOutcome.Terminated, kill.Outcome);
        Assert.Contains("terminated", kill.Message, StringComparison.Ordinal);
        Assert.Equal(ProcessState.Finished, handle.State);
    }

    [Fact]
    public async Task The_status_holds_creation_time_paused_flag_message_and_state()
    {
        await using var runtime = NewRuntime();
        var before = DateTimeOffset.UtcNow;
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 1 }, new LaunchOptions { StartPaused = true });
        await handle.PauseAsync("held for review");

        var status = handle.Status;
        Assert.Equal(handle.Id, status.Id);
        Assert.Equal("Processes.Tests.ScriptedSumOfSquares", status.Name);
        Assert.InRange(status.CreatedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(status.Paused);
        Assert.Equal(ProcessState.Created, status.State);
        await handle.KillAsync();
    }
}
