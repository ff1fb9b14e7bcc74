using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// RunAsync of a task runs it inline (listeners or not); it must be indistinguishable from the
/// tracked path in results, exceptions and the state changes listeners see.
/// </summary>
public sealed class InlineTaskTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_paths_return_the_outputs(bool tracked)
    {
        await using var runtime = NewRuntime();
        Assert.Equal(81, (await Run(runtime, tracked, new ScriptedSquare { X = 9 }).Within()).Result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_paths_refuse_invalid_inputs_before_running(bool tracked)
    {
        await using var runtime = NewRuntime();
        var ran = false;
        var script = TestHooks.Register((_, _, _) => { ran = true; return default; });

        var error = await Assert.ThrowsAsync<PortValidationException>(async () => await Run(runtime, tracked, new ScriptedSquare { X = -1, Script = script }));

        Assert.Equal("inputs.x", Assert.Single(error.Errors).Path);
        Assert.False(ran);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Both_paths_report_a_failing_body_as_excepted_with_the_original_error(bool tracked, bool asynchronous)
    {
        await using var runtime = NewRuntime();
        var script = TestHooks.Register(async (_, _, _) =>
        {
            if (asynchronous)
            {
                await Task.Yield();
            }

            throw new FormatException("bad digits");
        });

        var error = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await Run(runtime, tracked, new ScriptedSquare { X = 2, Script = script }).Within());

        Assert.Equal("System.FormatException", error.Error.TypeName);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_the_callers_token_cancels_the_work(bool tracked)
    {
        await using var runtime = NewRuntime();
        var gate = new Gate();
        var observed = false;
        var script = TestHooks.Register(async (_, _, context) =>
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
        });
        using var cancellation = new CancellationTokenSource();

        var run = Run(runtime, tracked, new ScriptedSquare { X = 2, Script = script }, cancellation.Token);
        await gate.Entered.Within();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Within());
        Assert.True(observed);
    }

    [Fact]
    public async Task The_inline_path_allocates_nothing_for_a_synchronous_task_body()
    {
        await using var runtime = NewRuntime();
        // QuickStart's Square: its body is synchronous (ScriptedSquare's body awaits its script).
        var squares = new QuickStart.Square[2000];
        for (var i = 0; i < squares.Length; i++)
        {
            squares[i] = new QuickStart.Square { X = i };
        }

        // Warm up: pools, the per-thread collector and the logger cache fill on first use.
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(runtime.RunAsync(squares[i]).IsCompletedSuccessfully);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < squares.Length; i++)
        {
            // Completes synchronously: nothing to await, and awaiting would measure the test's own machinery.
            if (!runtime.RunAsync(squares[i]).IsCompletedSuccessfully)
            {
                Assert.Fail("a synchronous task body must complete synchronously");
            }
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        Assert.True(perCall < 1, $"the inline path allocated {perCall} bytes per call");
        Assert.Equal(1999 * 1999, squares[^1].Result);
    }

    [Fact]
    public async Task A_task_context_cannot_be_used_after_its_body_returned()
    {
        await using var runtime = NewRuntime();
        TaskContext? kept = null;
        var script = TestHooks.Register((_, _, context) => { kept = (TaskContext)context; return default; });

        await runtime.RunAsync(new ScriptedSquare { X = 3, Script = script }).Within();

        Assert.Throws<InvalidOperationException>(() => kept!.Logger);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Listeners_see_the_same_state_changes_on_both_paths(bool tracked)
    {
        await using var runtime = NewRuntime();
        var recorder = new Recorder(runtime);
        var id = default(ProcessId);
        var script = TestHooks.Register((_, _, context) => { id = context.ProcessId; return default; });

        await Run(runtime, tracked, new ScriptedSquare { X = 3, Script = script }).Within();

        Assert.Equal([(ProcessState.Created, ProcessState.Running), (ProcessState.Running, ProcessState.Finished)], recorder.For(id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Listeners_see_a_failing_body_end_excepted_on_both_paths(bool tracked)
    {
        await using var runtime = NewRuntime();
        var recorder = new Recorder(runtime);
        var id = default(ProcessId);
        var script = TestHooks.Register((_, _, context) => { id = context.ProcessId; throw new FormatException("bad digits"); });

        await Assert.ThrowsAsync<ProcessExceptedException>(async () => await Run(runtime, tracked, new ScriptedSquare { X = 3, Script = script }).Within());

        Assert.Equal([(ProcessState.Created, ProcessState.Running), (ProcessState.Running, ProcessState.Excepted)], recorder.For(id));
    }

    [Fact]
    public async Task A_listener_keeps_the_inline_path_and_its_failure_does_not_break_the_run()
    {
        await using var runtime = NewRuntime();
        var senders = new System.Collections.Concurrent.ConcurrentQueue<object?>();
        runtime.StateChanged += (sender, _) => senders.Enqueue(sender);
        runtime.StateChanged += (_, _) => throw new InvalidOperationException("listener bug");

        Assert.Equal(16, (await runtime.RunAsync(new ScriptedSquare { X = 4 }).Within()).Result);

        // Inline: no handle exists, so the sender is null, and the run is not tracked.
        Assert.Equal([null, null], senders);
        Assert.Empty(runtime.Processes);
    }

    /// <summary>Runs the task on the inline path (RunAsync) or through the tracked execution it avoids.</summary>
    private static ValueTask<ScriptedSquare> Run(ProcessRuntime runtime, bool tracked, ScriptedSquare task, CancellationToken cancellationToken = default) =>
        tracked ? runtime.RunTracked(task, cancellationToken) : runtime.RunAsync(task, cancellationToken);
}
