using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>PRODUCT.md §5: checkpoints, reload and continue.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public async Task A_process_stopped_midway_and_continued_finishes_with_the_same_outputs_without_rerunning_steps()
    {
        await using var reference = NewRuntime();
        var uninterrupted = await reference.RunAsync(new ScriptedSumOfSquares { Count = 4 }).Within();

        var store = new InMemoryCheckpointStore();
        var gate = new Gate();
        var script = TestHooks.Register(async (step, process, context) =>
        {
            if (step == "collect" && ((ScriptedSumOfSquares)process).Index == 2)
            {
                await gate.Pass(context.CancellationToken);
            }
        });
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 4, Script = script });
        await gate.Entered.Within();
        await first.StopAsync();
        await Assert.ThrowsAsync<ProcessRuntimeStoppedException>(() => handle.WaitAsync().Within());

        await using var second = NewRuntime(store);
        var continued = await second.ContinueAsync<ScriptedSumOfSquares>(handle.Id);
        gate.Open();
        var result = await continued.WaitAsync().Within();

        Assert.Equal(uninterrupted.Total, result.Total);
        Assert.Equal(uninterrupted.Summary, result.Summary);
        // The step that was running when the runtime stopped reruns; completed ones do not.
        Assert.Equal(uninterrupted.Trace, result.Trace);
        Assert.Equal(1, result.Trace.Count(entry => entry == "setup"));
    }

    [Fact]
    public async Task A_process_continues_from_the_file_store_in_a_new_runtime_to_the_same_outputs()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prc-runtime-" + Guid.NewGuid().ToString("N"));
        try
        {
            var gate = new Gate();
            var script = TestHooks.Register(async (step, process, context) =>
            {
                if (step == "launch" && ((ScriptedSumOfSquares)process).Index == 1)
                {
                    await gate.Pass(context.CancellationToken);
                }
            });
            var first = NewRuntime(new FileCheckpointStore(directory));
            var handle = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 3, Script = script }, new LaunchOptions { Tags = ["nightly"] });
            await gate.Entered.Within();
            await first.StopAsync();

            var store = new FileCheckpointStore(directory);
            Assert.Contains(await store.ListAsync(CheckpointQuery.ForTag("nightly")), info => info.Id == handle.Id && info.State == ProcessState.Running);
            await using var second = NewRuntime(store);
            var continued = await second.ContinueAsync<ScriptedSumOfSquares>(handle.Id);
            gate.Open();
            var result = await continued.WaitAsync().Within();

            Assert.Equal(14, result.Total);
            Assert.Equal(ProcessState.Finished, (await store.LoadAsync(handle.Id))!.Info.State);
            // The interrupted step's first square1 was an orphan; continuing deleted its checkpoint.
            var children = (await store.ListAsync(CheckpointQuery.ForTag("nightly"))).Where(info => info.ParentId == handle.Id).ToList();
            Assert.Equal(3, children.Count);
            Assert.All(children, child => Assert.Equal(ProcessState.Finished, child.State));
            Assert.Equal(4, await store.DeleteByTagAsync("nightly"));
        }
        finally
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_process_reloaded_while_waiting_keeps_waiting_on_the_same_children()
    {
        var store = new InMemoryCheckpointStore();
        var childGate = new Gate();
        var childScript = TestHooks.Register(async (_, _, context) => await childGate.Pass(context.CancellationToken));
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 1, ChildScript = childScript });
        await childGate.Entered.Within();
        // Stop only once the checkpoint taken after the launching step is stored.
        await UntilAsync(async () => (await store.LoadAsync(handle.Id))!.Info.State == ProcessState.Waiting);
        var childId = Assert.Single(await store.ListAsync(), info => info.ParentId == handle.Id).Id;
        await first.StopAsync();

        await using var second = NewRuntime(store);
        var continued = await second.ContinueAsync<ScriptedSumOfSquares>(handle.Id);
        Assert.Equal(ProcessState.Waiting, continued.State);
        await Until(() => second.TryGetProcess(childId, out _));
        childGate.Open();
        var result = await continued.WaitAsync().Within();

        Assert.Equal(1, result.Total);
        Assert.Equal(["setup", "launch0", "collect0", "finish"], result.Trace);
        Assert.Equal(2, (await store.ListAsync()).Count);
    }

    [Fact]
    public async Task A_process_saved_paused_reloads_paused_and_runs_after_play()
    {
        var store = new InMemoryCheckpointStore();
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 2 }, new LaunchOptions { StartPaused = true });
        await handle.PauseAsync("waiting for approval");
        await first.StopAsync();
        Assert.True((await store.LoadAsync(handle.Id))!.Info.Paused);

        await using var second = NewRuntime(store);
        var continued = await second.ContinueAsync<ScriptedSumOfSquares>(handle.Id);
        await Task.Delay(100);
        Assert.True(continued.Status.Paused);
        Assert.Equal(ProcessState.Created, continued.State);
        Assert.Empty(continued.Process.Trace);

        await continued.PlayAsync();
        Assert.Equal(5, (await continued.WaitAsync().Within()).Total);
    }

    [Fact]
    public async Task A_terminated_process_continues_as_terminated_with_its_result()
    {
        var store = new InMemoryCheckpointStore();
        await using (var first = NewRuntime(store))
        {
            var done = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 3 });
            await done.WaitAsync().Within();
            await using var second = NewRuntime(store);
            var reloaded = await second.ContinueAsync<ScriptedSumOfSquares>(done.Id);
            Assert.Equal(ProcessState.Finished, reloaded.State);
            Assert.Equal(14, (await reloaded.WaitAsync().Within()).Total);
        }
    }

    [Fact]
    public async Task Every_step_leaves_a_checkpoint()
    {
        var store = new CountingStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store, KeepCheckpointsOfFinishedRuns = true });
        await runtime.RunAsync(new ScriptedSumOfSquares { Count = 2 }).Within();

        // parent: launch + 6 steps (setup, 2 × launch/collect, finish), the last of them being the
        // final checkpoint (it holds the same state); children: launch + final each.
        Assert.Equal(1 + 6 + 2 * 2, store.Saves);
        Assert.Equal(3, (await store.ListAsync()).Count);
    }

    [Fact]
    public async Task A_truncated_checkpoint_raises_a_typed_error_naming_the_process()
    {
        var store = new InMemoryCheckpointStore();
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 1 }, new LaunchOptions { StartPaused = true });
        await first.StopAsync();
        var saved = (await store.LoadAsync(handle.Id))!;
        for (var length = 0; length < saved.Data.Length; length += 7)
        {
            await store.SaveAsync(saved with { Data = saved.Data[..length] });
            await using var second = NewRuntime(store);
            var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await second.ContinueAsync(handle.Id));
            Assert.Contains(handle.Id.ToString(), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_checkpoint_with_a_damaged_byte_never_loads_as_something_else_silently()
    {
        var store = new InMemoryCheckpointStore();
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new ScriptedSumOfSquares { Count = 1 }, new LaunchOptions { StartPaused = true });
        await first.StopAsync();
        var saved = (await store.LoadAsync(handle.Id))!;
        var damaged = saved.Data.ToArray();
        damaged[0] ^= 0xFF;
        await store.SaveAsync(saved with { Data = damaged });

        await using var second = NewRuntime(store);
        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await second.ContinueAsync(handle.Id));
        Assert.Contains("magic", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continuing_an_unknown_id_raises_checkpoint_not_found()
    {
        await using var runtime = NewRuntime();
        var id = ProcessId.New();
        var error = await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await runtime.ContinueAsync(id));
        Assert.Equal(id, error.ProcessId);
    }

    private sealed class CountingStore : ForwardingStore
    {
        private int _saves;

        public int Saves => _saves;

        public override ValueTask SaveAsync(Checkpoint checkpoint, System.Threading.CancellationToken cancellationToken = default)
        {
            System.Threading.Interlocked.Increment(ref _saves);
            return base.SaveAsync(checkpoint, cancellationToken);
        }
    }
}
