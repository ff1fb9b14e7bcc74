using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// What RunAsync leaves in the store: nothing after a successful run (unless asked to keep it),
/// everything after a failed one, while LaunchAsync always keeps the terminal checkpoint.
/// </summary>
public sealed class RunCheckpointRetentionTests
{
    [Fact]
    public async Task A_successful_run_deletes_its_checkpoint_and_its_childrens()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        for (var run = 0; run < 20; run++)
        {
            var result = await runtime.RunAsync(new ScriptedSumOfSquares { Count = 2 }).Within();
            Assert.Equal(5, result.Total);
        }

        Assert.Equal(0, store.Count);
    }

    // Back-to-back runs reuse the outline's instruction array (a per-thread spare) and the
    // in-memory store's pooled buffers: neither may keep the finished process alive.
    [Fact]
    public async Task A_finished_run_leaves_nothing_that_keeps_its_process_alive()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        var finished = RunAndForget(runtime);
        Assert.True(finished.IsCompletedSuccessfully, "a synchronous outline completes on the caller's thread");
        var process = await finished;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(process.IsAlive, "the finished process is still referenced");
        Assert.Equal(0, store.Count);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async ValueTask<WeakReference> RunAndForget(ProcessRuntime runtime)
    {
        var countdown = new Countdown { From = 3 };
        var reference = new WeakReference(countdown);
        await runtime.RunAsync(countdown);
        Assert.Equal([3, 2, 1], countdown.Counted);
        return reference;
    }

    [Fact]
    public async Task A_run_is_checkpointed_while_it_runs()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        var seenDuringRun = 0;
        var script = TestHooks.Register((step, process, context) =>
        {
            if (step == "finish")
            {
                seenDuringRun = store.Count;
            }

            return default;
        });

        await runtime.RunAsync(new ScriptedSumOfSquares { Count = 2, Script = script }).Within();

        Assert.Equal(3, seenDuringRun); // the parent and its two finished children
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task KeepCheckpointsOfFinishedRuns_keeps_the_terminal_checkpoints()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, KeepCheckpointsOfFinishedRuns = true });
        await runtime.RunAsync(new ScriptedSumOfSquares { Count = 2 }).Within();

        var infos = await store.ListAsync();
        Assert.Equal(3, infos.Count);
        Assert.All(infos, info => Assert.Equal(ProcessState.Finished, info.State));
        var parent = Assert.Single(infos, info => info.ParentId is null);
        await using var second = NewRuntime(store);
        var reloaded = await second.ContinueAsync<ScriptedSumOfSquares>(parent.Id);
        Assert.Equal(5, (await reloaded.WaitAsync().Within()).Total);
    }

    [Fact]
    public async Task A_failed_run_keeps_its_checkpoint_for_inspection()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        var script = TestHooks.Register((step, process, context) =>
            step == "finish" ? throw new InvalidOperationException("boom") : default(ValueTask));

        var error = await Assert.ThrowsAsync<ProcessExceptedException>(() => runtime.RunAsync(new ScriptedSumOfSquares { Count = 1, Script = script }).Within());

        var info = Assert.Single(await store.ListAsync(), info => info.ParentId is null);
        Assert.Equal(error.ProcessId, info.Id);
        Assert.Equal(ProcessState.Excepted, info.State);
        Assert.Single(await store.ListAsync(), info => info.ParentId == error.ProcessId);
    }

    [Fact]
    public async Task A_run_that_finishes_unsuccessfully_keeps_its_checkpoint()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);

        await Assert.ThrowsAsync<ProcessFinishedUnsuccessfullyException>(() => runtime.RunAsync(new ScriptedSumOfSquares { Count = 1, Script = "return-early" }).Within());

        var info = Assert.Single(await store.ListAsync(), info => info.ParentId is null);
        Assert.Equal(ProcessState.Finished, info.State);
    }

    [Fact]
    public async Task A_launched_process_keeps_its_terminal_checkpoint()
    {
        var store = new InMemoryCheckpointStore();
        await using var runtime = NewRuntime(store);
        var handle = await runtime.LaunchAsync(new ScriptedSumOfSquares { Count = 2 });
        await handle.WaitAsync().Within();

        var infos = await store.ListAsync();
        Assert.Equal(3, infos.Count);
        Assert.Equal(ProcessState.Finished, infos.Single(info => info.Id == handle.Id).State);
    }
}
