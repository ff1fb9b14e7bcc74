using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>Retrying an Excepted process by id from its last good checkpoint (<see cref="ContinueOptions.RetryExcepted"/>).</summary>
public sealed class RetryByIdTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_failed_step_reruns_with_the_data_it_had_before_and_earlier_steps_do_not()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var handle = await runtime.LaunchAsync(new FailsMidStep { Key = key });
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await handle.WaitAsync().AsTask().WaitAsync(Patience));
        Assert.Equal("the second step is broken", failure.Error.Message);

        Fixes.Fix(key);
        var retried = await runtime.RetryAsync<FailsMidStep>(handle.Id);

        // 1 + 10 + 100: the 10 the failed attempt added before throwing is not kept.
        Assert.Equal(111, (await retried.WaitAsync().AsTask().WaitAsync(Patience)).Total);
        Assert.Equal(["first", "second", "second", "third"], EventLog.For(key));
        var status = await runtime.GetStatusAsync(handle.Id);
        Assert.Equal(ProcessState.Finished, status.State);
        Assert.Null(status.Error);
    }

    [Fact]
    public async Task The_Excepted_checkpoint_keeps_the_data_of_the_last_good_checkpoint()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var handle = await runtime.LaunchAsync(new FailsMidStep { Key = key });
        await handle.WaitForTerminationAsync().AsTask().WaitAsync(Patience);

        var stored = await runtime.ContinueAsync<FailsMidStep>(handle.Id);
        Assert.Equal(ProcessState.Excepted, stored.State);
        Assert.Equal(1, stored.Process.Total);
    }

    [Fact]
    public async Task A_parent_that_failed_with_a_child_retries_that_child_and_keeps_the_finished_ones()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        var handle = await runtime.LaunchAsync(new SumOfBrokenSquares { Key = key });
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await handle.WaitAsync().AsTask().WaitAsync(Patience));

        Fixes.Fix(key);
        var retried = await runtime.RetryAsync<SumOfBrokenSquares>(handle.Id);

        Assert.Equal(1 + 4 + 9 + 16, (await retried.WaitAsync().AsTask().WaitAsync(Patience)).Total);
        var runs = EventLog.For(key).ToArray();
        Assert.Single(runs, run => run == "start");
        Assert.Single(runs, run => run == "square 1");
        Assert.Single(runs, run => run == "square 2");
        Assert.Equal(2, runs.Count(run => run == "square 3"));
        Assert.InRange(runs.Count(run => run == "square 4"), 1, 2); // killed with the parent, or finished before
    }

    [Fact]
    public async Task Retrying_a_finished_process_is_refused_and_an_unknown_one_is_not_found()
    {
        var key = NewKey();
        Fixes.Fix(key);
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { KeepCheckpointsOfFinishedRuns = true });
        var handle = await runtime.LaunchAsync(new FailsMidStep { Key = key });
        await handle.WaitAsync().AsTask().WaitAsync(Patience);

        var refused = await Assert.ThrowsAsync<InvalidStateTransitionException>(async () => await runtime.RetryAsync<FailsMidStep>(handle.Id));
        Assert.Equal(ProcessState.Finished, refused.From);
        await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await runtime.RetryAsync<FailsMidStep>(ProcessId.New()));
    }

    [Fact]
    public async Task A_failed_process_is_retried_by_another_runtime_from_the_shared_store()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new FailsMidStep { Key = key });
            id = handle.Id;
            await handle.WaitForTerminationAsync().AsTask().WaitAsync(Patience);
        }

        Fixes.Fix(key);
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        IProcessClient client = second;
        var retried = await client.ContinueAsync<FailsMidStep>(id, new ContinueOptions { RetryExcepted = true });
        Assert.Equal(111, (await retried.WaitAsync().AsTask().WaitAsync(Patience)).Total);
    }
}
