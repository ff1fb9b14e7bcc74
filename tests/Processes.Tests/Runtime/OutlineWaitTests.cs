using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>Durable timers and event waits written as outline instructions between steps.</summary>
public sealed class OutlineWaitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_outline_timer_delays_the_next_step_and_an_outline_event_wait_hands_the_event_to_it()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new OutlineWaits { Key = key, DelayMs = 300 });
        await Until(() => RetryLog.For(key).Count == 2);
        await Until(() => handle.State == ProcessState.Waiting);

        Assert.Equal(ProcessEventOutcome.Delivered, (await runtime.RaiseEventAsync(handle.Id, "approval", new Decision { By = "ann", Amount = 5 })).Outcome);
        Assert.Equal("approved by ann", (await handle.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
        var runs = RetryLog.For(key).ToArray();
        Assert.Equal([1, 2, 3], runs.Select(run => run.Attempt));
        Assert.True(runs[1].At - runs[0].At >= TimeSpan.FromMilliseconds(280), $"the step after the outline timer ran {runs[1].At - runs[0].At} later");
    }

    [Fact]
    public async Task A_process_stopped_during_an_outline_timer_wakes_at_the_original_time_elsewhere_and_no_step_reruns()
    {
        var key = Guid.NewGuid().ToString("N");
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new OutlineWaits { Key = key, DelayMs = 1500, EventTimeoutMs = 100 });
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
        }

        Assert.Equal(ProcessState.Waiting, (await store.LoadAsync(id))!.Info.State);
        var timerStarted = RetryLog.For(key).Single().At;
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<OutlineWaits>(id);
        Assert.Equal("timed out", (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
        var runs = RetryLog.For(key).ToArray();
        Assert.Equal([1, 2, 3], runs.Select(run => run.Attempt));
        Assert.True(runs[1].At - timerStarted >= TimeSpan.FromSeconds(1.4), $"woke {runs[1].At - timerStarted} after the timer started");
    }

    [Fact]
    public async Task An_event_raised_while_the_process_is_stopped_at_an_outline_wait_is_stored_and_taken_when_it_continues()
    {
        var key = Guid.NewGuid().ToString("N");
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new OutlineWaits { Key = key, DelayMs = 0 });
            id = handle.Id;
            await Until(() => RetryLog.For(key).Count == 2);
            await Until(() => handle.State == ProcessState.Waiting);
        }

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        Assert.Equal(ProcessEventOutcome.Stored, (await second.RaiseEventAsync(id, "cancel")).Outcome);
        var continued = await second.ContinueAsync<OutlineWaits>(id);
        Assert.Equal("cancelled", (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
        Assert.Equal([1, 2, 3], RetryLog.For(key).Select(run => run.Attempt));
    }

    [Fact]
    public async Task An_outline_wait_until_a_past_time_goes_on_at_once_inside_a_loop()
    {
        await using var runtime = new ProcessRuntime();
        var due = DateTimeOffset.UtcNow.AddMilliseconds(300);
        var result = await runtime.RunAsync(new OutlineWaitUntil { Due = due }).AsTask().WaitAsync(Patience);
        Assert.Equal(2, result.Turns);
        Assert.True(result.WokeAt >= due, $"woke at {result.WokeAt:O}, before {due:O}");
    }

    [Fact]
    public void Bad_outline_waits_are_refused_when_the_outline_is_built()
    {
        var outline = new OutlineBuilder();
        Assert.Throws<ArgumentOutOfRangeException>(() => outline.WaitFor(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => outline.WaitForAnyEvent([]));
        Assert.Throws<ArgumentException>(() => outline.WaitForEvent(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => outline.WaitForEvent("go", TimeSpan.FromSeconds(-1)));
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
