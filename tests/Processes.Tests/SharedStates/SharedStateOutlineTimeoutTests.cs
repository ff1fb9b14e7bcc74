using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Tests.Runtime;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>
/// An outline's <c>WaitForState</c> with a timeout (docs/concepts/shared-state.md): the deadline is
/// fixed when the wait starts and checkpointed, so a stopped and continued process keeps it; when
/// it passes first the process fails with <see cref="SharedStateWatchTimeoutException"/>.
/// </summary>
public sealed class SharedStateOutlineTimeoutTests
{
    /// <summary>A clock the test moves by hand (timers still run on real time).</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    [Fact]
    public async Task A_wait_that_is_not_met_in_time_fails_the_process_with_a_typed_timeout_and_one_met_in_time_goes_on()
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = new InMemoryCheckpointStore() });
        var failed = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await runtime.RunAsync(new OutlineAwaitTallyWithin { Key = "late", Target = 1, TimeoutSeconds = 0.2 }).AsTask().Within());
        Assert.Equal(typeof(SharedStateWatchTimeoutException).FullName, failed.Error.TypeName);
        Assert.Contains("'late'", failed.Error.Message);
        Assert.Contains("00:00:00.2", failed.Error.Message);

        var waiter = await runtime.LaunchAsync(new OutlineAwaitTallyWithin { Key = "soon", Target = 2, TimeoutSeconds = 60 });
        await runtime.SharedStates.UpdateAsync<Tally>("soon", tally => tally.Count = 2);
        Assert.Equal(2, (await waiter.WaitAsync().AsTask().Within()).Seen);
    }

    [Fact]
    public async Task A_continued_process_keeps_the_deadline_its_wait_started_with()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        var checkpoints = new InMemoryCheckpointStore();
        var states = new InMemorySharedStateStore();
        ProcessRuntime NewRuntime() => new(new ProcessRuntimeOptions { Store = checkpoints, TimeProvider = clock, SharedStates = new() { Store = states } });
        ProcessId early, late;
        await using (var first = NewRuntime())
        {
            var one = await first.LaunchAsync(new OutlineAwaitTallyWithin { Key = "deadline", Target = 5, TimeoutSeconds = 3600 });
            var two = await first.LaunchAsync(new OutlineAwaitTallyWithin { Key = "deadline", Target = 5, TimeoutSeconds = 7200 });
            (early, late) = (one.Id, two.Id);
            await WaitForStateAsync(one, ProcessState.Waiting);
            await WaitForStateAsync(two, ProcessState.Waiting);
            var stored = await checkpoints.LoadAsync(early);
            Assert.Equal(ProcessState.Waiting, stored!.Info.State);
            Assert.Equal(6, stored.Data.Span[4]);   // format version 6: the checkpoint carries the wait's deadline
        }

        // 90 minutes pass while nobody runs them: the first's hour is over, the second has 30 minutes left.
        clock.Advance(TimeSpan.FromMinutes(90));
        await using var second = NewRuntime();
        var resumedEarly = await second.ContinueAsync<OutlineAwaitTallyWithin>(early);
        var failed = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await resumedEarly.WaitAsync().AsTask().Within());
        Assert.Equal(typeof(SharedStateWatchTimeoutException).FullName, failed.Error.TypeName);

        var resumedLate = await second.ContinueAsync<OutlineAwaitTallyWithin>(late);
        await WaitForStateAsync(resumedLate, ProcessState.Waiting);
        await second.SharedStates.UpdateAsync<Tally>("deadline", tally => tally.Count = 5);
        Assert.Equal(5, (await resumedLate.WaitAsync().AsTask().Within()).Seen);
    }

    [Fact]
    public async Task A_state_met_while_nobody_ran_the_process_wins_over_a_passed_deadline()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        var checkpoints = new InMemoryCheckpointStore();
        var states = new InMemorySharedStateStore();
        ProcessRuntime NewRuntime() => new(new ProcessRuntimeOptions { Store = checkpoints, TimeProvider = clock, SharedStates = new() { Store = states } });
        ProcessId id;
        await using (var first = NewRuntime())
        {
            var waiter = await first.LaunchAsync(new OutlineAwaitTallyWithin { Key = "met", Target = 1, TimeoutSeconds = 60 });
            id = waiter.Id;
            await WaitForStateAsync(waiter, ProcessState.Waiting);
        }

        await using (var offline = new ProcessRuntime(new ProcessRuntimeOptions { SharedStates = new() { Store = states } }))
        {
            await offline.SharedStates.UpdateAsync<Tally>("met", tally => tally.Count = 1);
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        await using var second = NewRuntime();
        var resumed = await second.ContinueAsync<OutlineAwaitTallyWithin>(id);
        Assert.Equal(1, (await resumed.WaitAsync().AsTask().Within()).Seen);
    }

    private static async Task WaitForStateAsync(ProcessHandle handle, ProcessState state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (handle.Status.State != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{handle.Id} stayed {handle.Status.State}, not {state}");
            await Task.Delay(10);
        }
    }
}
