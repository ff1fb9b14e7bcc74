using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// RunAsync of a task with no listener runs it inline; it must be indistinguishable from the
/// tracked path in results and exceptions.
/// </summary>
public sealed class InlineTaskTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_paths_return_the_outputs(bool tracked)
    {
        await using var runtime = NewRuntime(tracked);
        Assert.Equal(81, (await runtime.RunAsync(new ScriptedSquare { X = 9 }).Within()).Result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_paths_refuse_invalid_inputs_before_running(bool tracked)
    {
        await using var runtime = NewRuntime(tracked);
        var ran = false;
        var script = TestHooks.Register((_, _, _) => { ran = true; return default; });

        var error = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.RunAsync(new ScriptedSquare { X = -1, Script = script }));

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
        await using var runtime = NewRuntime(tracked);
        var script = TestHooks.Register(async (_, _, _) =>
        {
            if (asynchronous)
            {
                await Task.Yield();
            }

            throw new FormatException("bad digits");
        });

        var error = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new ScriptedSquare { X = 2, Script = script }).Within());

        Assert.Equal("System.FormatException", error.Error.TypeName);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_the_callers_token_cancels_the_work(bool tracked)
    {
        await using var runtime = NewRuntime(tracked);
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

        var run = runtime.RunAsync(new ScriptedSquare { X = 2, Script = script }, cancellation.Token);
        await gate.Entered.Within();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Within());
        Assert.True(observed);
    }

    [Fact]
    public async Task The_inline_path_allocates_nothing_for_a_synchronous_task_body()
    {
        await using var runtime = NewRuntime(tracked: false);
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
        await using var runtime = NewRuntime(tracked: false);
        TaskContext? kept = null;
        var script = TestHooks.Register((_, _, context) => { kept = (TaskContext)context; return default; });

        await runtime.RunAsync(new ScriptedSquare { X = 3, Script = script }).Within();

        Assert.Throws<InvalidOperationException>(() => kept!.Logger);
    }

    [Fact]
    public async Task With_a_listener_the_task_runs_tracked_and_raises_its_state_changes()
    {
        await using var runtime = NewRuntime(tracked: true);
        var recorder = new Recorder(runtime);
        var id = default(ProcessId);
        var script = TestHooks.Register((_, _, context) => { id = context.ProcessId; return default; });

        await runtime.RunAsync(new ScriptedSquare { X = 3, Script = script }).Within();

        Assert.Equal([(ProcessState.Created, ProcessState.Running), (ProcessState.Running, ProcessState.Finished)], recorder.For(id));
    }

    /// <summary>A runtime with a state-change listener takes the tracked path for tasks.</summary>
    private static ProcessRuntime NewRuntime(bool tracked)
    {
        var runtime = RuntimeTestKit.NewRuntime();
        if (tracked)
        {
            runtime.StateChanged += (_, _) => { };
        }

        return runtime;
    }
}
