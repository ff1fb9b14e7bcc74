using System;
using System.Diagnostics;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// What a process keeps alive while one of its steps waits (issue 15's process-scale: 100,000
/// such processes at once). Everything it holds then survives collections and is marked by each
/// full one, so objects that only some callers need are created only when they ask.
/// </summary>
[Collection(nameof(WaitingProcessRetentionTests))]
public sealed class WaitingProcessRetentionTests
{
    // Measured 2026-12-04 (Release, best of three batches of 2,000): 2,716 B per Countdown run
    // waiting in its second step (its own async step and the test's script included); about
    // 400 B more (3,173 B) while RunAsync's wait made a handle (and the rare fields that hold it)
    // and waited through it. The budget leaves room for the pool's and the JIT's moods, not for that.
    private const int BudgetPerWaitingRun = 2_950;

    [Fact]
    public async Task A_run_waiting_in_a_step_has_no_handle_nor_rare_fields_until_someone_asks()
    {
        await using var runtime = NewRuntime(new InMemoryCheckpointStore());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource<ProcessId>(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = TestHooks.Register((step, process, context) =>
        {
            waiting.TrySetResult(context.ProcessId);
            return new ValueTask(gate.Task);
        });

        var run = runtime.RunAsync(new Countdown { From = 1, Script = script });
        var id = await waiting.Task.Within();
        var execution = runtime.FindLive(id);
        Assert.NotNull(execution);
        Assert.False(execution.HasSeldomFields, "RunAsync's wait created the handle (and the rare fields that keep it)");

        // Asking for the process by id still gives a handle that controls it.
        Assert.True(runtime.TryGetProcess(id, out var handle));
        Assert.Equal(ProcessState.Running, handle!.State);
        Assert.True(execution.HasSeldomFields);

        gate.SetResult();
        var finished = await run.AsTask().Within();
        Assert.Equal([1], finished.Counted);
    }

    [Fact]
    public async Task A_run_waiting_in_a_step_keeps_under_2950_bytes_alive()
    {
        // A Debug build's state machines are classes of another size; the budget is the optimized build's.
        Assert.SkipWhen(
            typeof(ProcessRuntime).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true,
            "Processes is built without optimizations (Debug). Run with -c Release.");
        await using var runtime = NewRuntime(new InMemoryCheckpointStore());
        await RunWaiting(runtime, 200); // warm: the pool's buffers, the JIT, the dictionaries' first growth
        var best = long.MaxValue;
        for (var batch = 0; batch < 3 && best > BudgetPerWaitingRun; batch++)
        {
            best = Math.Min(best, await RunWaiting(runtime, 2_000));
        }

        Assert.True(best <= BudgetPerWaitingRun, $"A waiting run kept {best} B alive (budget {BudgetPerWaitingRun} B).");
    }

    /// <summary>Starts <paramref name="count"/> runs that all wait in a step, measures the live heap per run, then lets them finish.</summary>
    private static async Task<long> RunWaiting(ProcessRuntime runtime, int count)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        var script = TestHooks.Register((step, process, context) =>
        {
            if (Interlocked.Increment(ref waiting) == count)
            {
                allWaiting.SetResult();
            }

            return new ValueTask(gate.Task);
        });

        var runs = new Task<Countdown>[count];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            runs[i] = runtime.RunAsync(new Countdown { From = 1, Script = script }).AsTask();
        }

        await allWaiting.Task.Within();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        gate.SetResult();
        await Task.WhenAll(runs).Within();
        return (after - before) / count;
    }
}

/// <summary>Runs <see cref="WaitingProcessRetentionTests"/> alone: its heap measurement must not count other tests' objects.</summary>
[CollectionDefinition(nameof(WaitingProcessRetentionTests), DisableParallelization = true)]
public sealed class WaitingProcessRetentionCollection;
