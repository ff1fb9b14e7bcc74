using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>Durable timers started by a step: the process waits, checkpointed, and a continued process keeps the due time.</summary>
public sealed class TimerTests
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_next_step_runs_after_the_timer_and_the_process_waits_meanwhile()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new TimedProcess { Key = key, DelayMs = 300 });
        await Until(() => RetryLog.For(key).Count == 2);
        await Until(() => handle.State == ProcessState.Waiting);
        Assert.Equal(3, (await handle.WaitAsync()).Steps);
        var runs = RetryLog.For(key).ToArray();
        Assert.True(runs[2].At - runs[1].At >= TimeSpan.FromMilliseconds(280), $"the step after the timer ran {runs[2].At - runs[1].At} later");
    }

    [Fact]
    public async Task A_process_stopped_mid_wait_wakes_at_the_original_time_elsewhere_and_no_step_reruns()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new TimedProcess { Key = key, DelayMs = 1500 });
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
        }

        var stored = (await store.LoadAsync(id))!;
        Assert.Equal(ProcessState.Waiting, stored.Info.State);
        var timerStarted = RetryLog.For(key).Last().At;

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<TimedProcess>(id);
        Assert.Equal(3, (await continued.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20))).Steps);
        var runs = RetryLog.For(key).ToArray();
        Assert.Equal([1, 2, 3], runs.Select(run => run.Attempt));
        Assert.True(runs[2].At - timerStarted >= TimeSpan.FromSeconds(1.4), $"woke {runs[2].At - timerStarted} after the timer started");
    }

    [Fact]
    public async Task A_kill_during_the_wait_ends_the_process_at_once()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new TimedProcess { Key = key, DelayMs = 600_000 });
        await Until(() => handle.State == ProcessState.Waiting);
        await handle.KillAsync("no more waiting");
        Assert.Equal(ProcessState.Killed, (await handle.WaitForTerminationAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).State);
        Assert.Equal(2, RetryLog.For(key).Count);
    }

    [Fact]
    public async Task A_negative_delay_fails_the_step_with_the_argument_named()
    {
        await using var runtime = new ProcessRuntime();
        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new NegativeTimer()));
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, failure.Error.TypeName);
        Assert.Contains("delay", failure.Error.Message, StringComparison.Ordinal);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "the condition did not become true in time");
    }
}
