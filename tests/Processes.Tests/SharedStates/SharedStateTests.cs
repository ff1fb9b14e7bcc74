using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Tests.Runtime;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>
/// Shared states in process (docs/concepts/shared-state.md): atomic updates, consistent reads,
/// watches (buffered, live, filtered, own changes, timeout, history limit), durability and use
/// from steps and tasks.
/// </summary>
public sealed class SharedStateTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    private static ProcessRuntime NewRuntime(int historyLimit = 1024, ISharedStateStore? store = null) =>
        new(new ProcessRuntimeOptions { SharedStates = new SharedStateOptions { HistoryLimit = historyLimit, Store = store } });

    [Fact]
    public async Task Concurrent_updaters_lose_no_update_and_each_sees_a_distinct_count()
    {
        await using var runtime = NewRuntime();
        var results = new System.Collections.Concurrent.ConcurrentBag<int>();
        var updaters = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var client = runtime.CreateSharedStateClient("worker-" + worker);
            for (var i = 0; i < 500; i++)
            {
                // Read-modify-write with a yield in between would lose updates without the per-state lock.
                results.Add(await client.UpdateAsync<Tally, int>("census", tally =>
                {
                    var count = tally.Count;
                    Thread.SpinWait(20);
                    tally.Count = count + 1;
                    return tally.Count;
                }));
            }
        })).ToArray();
        await Task.WhenAll(updaters).Within();

        var final = await runtime.SharedStates.GetAsync<Tally>("census");
        Assert.Equal(4000, final.State.Count);
        Assert.Equal(4000, final.Version);
        Assert.Equal(Enumerable.Range(1, 4000), results.OrderBy(value => value));
    }

    [Fact]
    public async Task Declared_operations_run_one_at_a_time_and_return_typed_results()
    {
        await using var runtime = NewRuntime();
        var results = new System.Collections.Concurrent.ConcurrentBag<int>();
        var updaters = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var client = runtime.CreateSharedStateClient("worker-" + worker);
            for (var i = 0; i < 250; i++)
            {
                results.Add(await client.UpdateAsync("census", Tally.Operations.Add("c" + worker, 2)));
            }
        })).ToArray();
        await Task.WhenAll(updaters).Within();

        var final = await runtime.SharedStates.GetAsync<Tally>("census");
        Assert.Equal(4000, final.State.Count);
        Assert.Equal(2000, final.Version);
        Assert.Equal(Enumerable.Range(1, 2000).Select(n => n * 2), results.OrderBy(value => value));

        // An operation without a result returns the version; one that throws changes nothing.
        Assert.Equal(2001, await runtime.SharedStates.UpdateAsync("census", Tally.Operations.Rename("done")));
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(async () => await runtime.SharedStates.UpdateAsync("census", Tally.Operations.AddThenFail(5)));
        Assert.Equal("refused 5", failed.Message);
        var after = await runtime.SharedStates.GetAsync<Tally>("census");
        Assert.Equal((2001, 4000, "done"), (after.Version, after.State.Count, after.State.Label));

        // A result is a copy: changing it does not change the state.
        var seen = await runtime.SharedStates.UpdateAsync("census", Tally.Operations.SeenSoFar());
        seen.Clear();
        Assert.Equal(2000, (await runtime.SharedStates.GetAsync<Tally>("census")).State.Seen.Count);
        Assert.Equal("Add", Tally.Operations.Add("x", 1).Name);
        Assert.True(ProcessRegistry.Global.IsSharedStateRegistered("Processes.Tests.SharedStates.Tally"));
    }

    [Fact]
    public async Task A_snapshot_is_a_private_copy_and_a_key_starts_new()
    {
        await using var runtime = NewRuntime();
        var empty = await runtime.SharedStates.GetAsync<Tally>("fresh");
        Assert.Equal(0, empty.Version);
        Assert.Equal("new", empty.State.Label);
        Assert.Null(empty.Writer);

        await runtime.SharedStates.UpdateAsync<Tally>("fresh", tally => tally.Seen.Add("a"));
        var snapshot = await runtime.SharedStates.GetAsync<Tally>("fresh");
        snapshot.State.Seen.Add("changed locally");
        snapshot.State.Count = 99;

        var again = await runtime.SharedStates.GetAsync<Tally>("fresh");
        Assert.Equal(new[] { "a" }, again.State.Seen);
        Assert.Equal(0, again.State.Count);
        Assert.Equal(1, again.Version);
        Assert.Equal("runtime", again.Writer);
    }

    [Fact]
    public async Task An_update_that_throws_or_changes_nothing_writes_nothing()
    {
        await using var runtime = NewRuntime();
        await runtime.SharedStates.UpdateAsync<Tally>("k", tally => tally.Count = 1);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await runtime.SharedStates.UpdateAsync<Tally>("k", tally =>
            {
                tally.Count = 100;
                throw new InvalidOperationException("no");
            }));
        var version = await runtime.SharedStates.UpdateAsync<Tally>("k", tally => tally.Count = 1);

        var state = await runtime.SharedStates.GetAsync<Tally>("k");
        Assert.Equal(1, state.State.Count);
        Assert.Equal(1, state.Version);
        Assert.Equal(1, version);
    }

    [Fact]
    public async Task A_buffered_watch_returns_every_change_in_order()
    {
        await using var runtime = NewRuntime();
        var writer = runtime.CreateSharedStateClient("writer");
        for (var i = 0; i < 5; i++)
        {
            await writer.UpdateAsync<Tally>("k", tally => tally.Count++);
        }

        var seen = new List<long>();
        var after = 0L;
        for (var i = 0; i < 5; i++)
        {
            var change = await runtime.SharedStates.WaitForChangeAsync<Tally>("k", new() { AfterVersion = after, Timeout = Short });
            Assert.Equal(change.Version, change.State.Count);
            Assert.Equal("writer", change.Writer);
            Assert.Equal(new[] { "Count" }, change.ChangedMembers);
            Assert.Equal(0, change.SkippedChanges);
            seen.Add(change.Version);
            after = change.Version;
        }

        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, seen);
    }

    [Fact]
    public async Task A_live_watch_skips_to_the_newest_change()
    {
        await using var runtime = NewRuntime();
        var writer = runtime.CreateSharedStateClient("writer");
        for (var i = 0; i < 5; i++)
        {
            await writer.UpdateAsync<Tally>("k", tally => tally.Count++);
        }

        var change = await runtime.SharedStates.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 0, Mode = SharedStateWatchMode.Live, Timeout = Short });
        Assert.Equal(5, change.Version);
        Assert.Equal(5, change.State.Count);
        Assert.Equal(4, change.SkippedChanges);
        Assert.False(change.HistoryTruncated);
    }

    [Fact]
    public async Task A_watch_waits_for_a_future_change_when_none_is_after_its_version()
    {
        await using var runtime = NewRuntime();
        var writer = runtime.CreateSharedStateClient("writer");
        var waiting = runtime.SharedStates.WaitForChangeAsync<Tally>("k").AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await writer.UpdateAsync<Tally>("k", tally => tally.Label = "hello");
        var change = await waiting.Within();
        Assert.Equal(1, change.Version);
        Assert.Equal("hello", change.State.Label);
        Assert.Equal(new[] { "Label" }, change.ChangedMembers);
    }

    [Fact]
    public async Task A_member_filter_passes_over_changes_of_other_members()
    {
        await using var runtime = NewRuntime();
        var writer = runtime.CreateSharedStateClient("writer");
        await writer.UpdateAsync<Tally>("k", tally => tally.Count++);             // 1: Count
        await writer.UpdateAsync<Tally>("k", tally => tally.Label = "x");         // 2: Label
        await writer.UpdateAsync<Tally>("k", tally => tally.Count++);             // 3: Count
        await writer.UpdateAsync<Tally>("k", tally => { tally.Label = "y"; tally.Seen.Add("y"); }); // 4: Label, Seen

        var options = new SharedStateWatchOptions { AfterVersion = 0, Members = new[] { "Label" }, Timeout = Short };
        var first = await runtime.SharedStates.WaitForChangeAsync<Tally>("k", options);
        var second = await runtime.SharedStates.WaitForChangeAsync<Tally>("k", options with { AfterVersion = first.Version });
        Assert.Equal(2, first.Version);
        Assert.Equal(4, second.Version);
        Assert.Equal(new[] { "Label", "Seen" }, second.ChangedMembers);

        await Assert.ThrowsAsync<SharedStateWatchTimeoutException>(async () =>
            await runtime.SharedStates.WaitForChangeAsync<Tally>("k", options with { AfterVersion = second.Version }));
    }

    [Fact]
    public async Task A_watch_skips_its_own_changes_unless_asked()
    {
        await using var runtime = NewRuntime();
        var me = runtime.CreateSharedStateClient("me");
        var other = runtime.CreateSharedStateClient("other");
        await me.UpdateAsync<Tally>("k", tally => tally.Count++);

        await Assert.ThrowsAsync<SharedStateWatchTimeoutException>(async () =>
            await me.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 0, Timeout = Short }));
        var own = await me.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 0, IncludeOwnChanges = true, Timeout = Short });
        var seenByOther = await other.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 0, Timeout = Short });
        Assert.Equal(1, own.Version);
        Assert.Equal("me", seenByOther.Writer);

        await other.UpdateAsync<Tally>("k", tally => tally.Count++);
        var next = await me.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 0, Timeout = Short });
        Assert.Equal(2, next.Version);
        Assert.Equal("other", next.Writer);
    }

    [Fact]
    public async Task A_timeout_is_a_typed_error_naming_the_state()
    {
        await using var runtime = NewRuntime();
        var error = await Assert.ThrowsAsync<SharedStateWatchTimeoutException>(async () =>
            await runtime.SharedStates.WaitForChangeAsync<Tally>("quiet", new() { Timeout = TimeSpan.FromMilliseconds(50) }));
        Assert.Equal("Processes.Tests.SharedStates.Tally", error.StateName);
        Assert.Equal("quiet", error.Key);
        Assert.Equal(0, error.AfterVersion);
        Assert.Equal(TimeSpan.FromMilliseconds(50), error.Timeout);

        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await runtime.SharedStates.WaitForChangeAsync<Tally>("quiet", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task WaitUntilAsync_returns_the_first_state_that_meets_the_condition_or_times_out_typed()
    {
        await using var runtime = NewRuntime();
        var writer = runtime.CreateSharedStateClient("writer");
        var reached = runtime.SharedStates.WaitUntilAsync<Tally>("k", tally => tally.Count >= 3).AsTask();
        for (var i = 0; i < 5; i++)
        {
            await writer.UpdateAsync<Tally>("k", tally => tally.Count++);
        }

        var snapshot = await reached.Within();
        Assert.InRange(snapshot.State.Count, 3, 5);
        Assert.Equal(snapshot.Version, snapshot.State.Count);

        var already = await runtime.SharedStates.WaitUntilAsync<Tally>("k", tally => tally.Count == 5, TimeSpan.FromMilliseconds(1));
        Assert.Equal(5, already.Version);
        var never = await Assert.ThrowsAsync<SharedStateWatchTimeoutException>(async () =>
            await runtime.SharedStates.WaitUntilAsync<Tally>("k", tally => tally.Count > 5, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(5, never.AfterVersion);
        Assert.Equal(TimeSpan.FromMilliseconds(100), never.Timeout);
    }

    [Fact]
    public async Task Past_the_history_limit_a_buffered_watch_fails_typed_and_a_live_one_returns_the_current_state()
    {
        await using var runtime = NewRuntime(historyLimit: 3);
        var writer = runtime.CreateSharedStateClient("writer");
        for (var i = 0; i < 10; i++)
        {
            await writer.UpdateAsync<Tally>("k", tally => tally.Count++);
        }

        // Versions 8, 9, 10 are kept: a watch after 7 or later misses nothing.
        var truncated = await Assert.ThrowsAsync<SharedStateHistoryTruncatedException>(async () =>
            await runtime.SharedStates.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 6 }));
        Assert.Equal(6, truncated.AfterVersion);
        Assert.Equal(7, truncated.OldestAfterVersion);

        var oldest = await runtime.SharedStates.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 7 });
        Assert.Equal(8, oldest.Version);

        var live = await runtime.SharedStates.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 2, Mode = SharedStateWatchMode.Live });
        Assert.True(live.HistoryTruncated);
        Assert.Equal(10, live.Version);
        Assert.Equal(10, live.State.Count);
        Assert.Equal(new[] { "Count", "Label", "Seen" }, live.ChangedMembers);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Task.FromResult(NewRuntime(historyLimit: 0)));
    }

    [Fact]
    public async Task WatchAsync_streams_changes_in_order_while_a_writer_updates()
    {
        await using var runtime = NewRuntime();
        var writer = runtime.CreateSharedStateClient("writer");
        using var stop = new CancellationTokenSource(RuntimeTestKit.Timeout);
        var seen = new List<int>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in runtime.SharedStates.WatchAsync<Tally>("k", new() { AfterVersion = 0 }, stop.Token))
            {
                seen.Add(change.State.Count);
                if (change.Version == 50)
                {
                    break;
                }
            }
        });
        for (var i = 0; i < 50; i++)
        {
            await writer.UpdateAsync<Tally>("k", tally => tally.Count++);
        }

        await watching.Within();
        Assert.Equal(Enumerable.Range(1, 50), seen);
    }

    [Fact]
    public async Task A_state_outlives_its_runtime_in_a_file_store_and_its_history_restarts_there()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shared-state-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = NewRuntime(store: new FileSharedStateStore(directory)))
            {
                for (var i = 0; i < 20; i++)
                {
                    await first.SharedStates.UpdateAsync<Tally>("k", tally => { tally.Count++; tally.Seen.Add("v" + tally.Count); });
                }
            }

            await using var second = NewRuntime(store: new FileSharedStateStore(directory));
            var state = await second.SharedStates.GetAsync<Tally>("k");
            Assert.Equal(20, state.Version);
            Assert.Equal(20, state.State.Count);
            Assert.Equal("v20", state.State.Seen[^1]);
            Assert.Equal("runtime", state.Writer);

            await Assert.ThrowsAsync<SharedStateHistoryTruncatedException>(async () =>
                await second.SharedStates.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 10 }));
            var waiting = second.CreateSharedStateClient("watcher").WaitForChangeAsync<Tally>("k", new() { AfterVersion = 20 }).AsTask();
            Assert.Equal(21, await second.SharedStates.UpdateAsync<Tally>("k", tally => tally.Count++));
            Assert.Equal(21, (await waiting.Within()).State.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_in_memory_store_fences_saves_by_version()
    {
        // The durable stores run the contract (SharedStateStoreTests); the in-memory one has no ownership, so only its fence is checked here.
        var store = new InMemorySharedStateStore();
        var data = new byte[] { 0, 0, 0, 0 };
        await store.SaveAsync(new SharedStateRecord("s", "k", 1, data, "a", DateTimeOffset.UnixEpoch));
        var conflict = await Assert.ThrowsAsync<SharedStateConflictException>(async () =>
            await store.SaveAsync(new SharedStateRecord("s", "k", 1, data, "b", DateTimeOffset.UnixEpoch)));
        Assert.Equal(1, conflict.StoredVersion);
        await Assert.ThrowsAsync<SharedStateConflictException>(async () =>
            await store.SaveAsync(new SharedStateRecord("s", "other", 2, data, "b", DateTimeOffset.UnixEpoch)));
        await store.SaveAsync(new SharedStateRecord("s", "k", 2, data, "b", DateTimeOffset.UnixEpoch));
        Assert.Equal((2L, "b"), ((await store.LoadAsync("s", "k"))!.Version, (await store.LoadAsync("s", "k"))!.Writer));
        Assert.Null(await store.LoadAsync("s", "missing"));
    }

    [Fact]
    public async Task A_state_written_by_an_older_class_reads_into_a_newer_one()
    {
        await using var runtime = NewRuntime();
        await runtime.SharedStates.UpdateAsync<BoardV1>("b", board => { board.Count = 7; board.Owner = "ann"; });

        var newer = await runtime.SharedStates.GetAsync<BoardV2>("b");
        Assert.Equal(7, newer.State.Count);
        Assert.Equal("none", newer.State.Notes);

        await runtime.SharedStates.UpdateAsync<BoardV2>("b", board => board.Notes = "moved");
        var change = await runtime.SharedStates.WaitForChangeAsync<BoardV2>("b", new() { AfterVersion = 1, IncludeOwnChanges = true });
        Assert.Equal(new[] { "Notes", "Owner" }, change.ChangedMembers.OrderBy(name => name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tasks_update_and_a_process_step_waits_through_their_contexts()
    {
        await using var runtime = NewRuntime();
        var waiter = await runtime.LaunchAsync(new AwaitTally { Key = "ctx", Target = 30 });
        var adders = Enumerable.Range(0, 3).Select(_ => runtime.RunAsync(new AddToTally { Key = "ctx", Times = 10 }).AsTask()).ToArray();
        await Task.WhenAll(adders).Within();

        var done = await waiter.WaitAsync().AsTask().Within();
        Assert.Equal(30, done.Seen);
        Assert.Equal("process:" + waiter.Id, done.Writer);
        var final = await runtime.SharedStates.GetAsync<Tally>("ctx");
        Assert.Equal("reached", final.State.Label);
        Assert.Equal("process:" + waiter.Id, final.Writer);
    }

    [Fact]
    public async Task A_process_waiting_for_a_state_still_waits_after_it_is_stopped_and_continued()
    {
        var checkpoints = new InMemoryCheckpointStore();
        var states = new InMemorySharedStateStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new() { Store = checkpoints, SharedStates = new() { Store = states } }))
        {
            var waiter = await first.LaunchAsync(new AwaitTally { Key = "durable", Target = 2 });
            id = waiter.Id;
            await first.SharedStates.UpdateAsync<Tally>("durable", tally => tally.Count++);
            await Task.Delay(100);
            Assert.False(waiter.Status.State.IsTerminal());
        }

        await using var second = new ProcessRuntime(new() { Store = checkpoints, SharedStates = new() { Store = states } });
        var continued = await second.ContinueAsync<AwaitTally>(id);
        await Task.Delay(100);
        Assert.False(continued.Status.State.IsTerminal());
        await second.SharedStates.UpdateAsync<Tally>("durable", tally => tally.Count++);
        var done = await continued.WaitAsync().AsTask().Within();
        Assert.Equal(2, done.Seen);
    }

    [Fact]
    public async Task An_outline_waits_for_a_state_while_Waiting_and_goes_on_at_once_when_it_is_met()
    {
        var checkpoints = new InMemoryCheckpointStore();
        await using var runtime = new ProcessRuntime(new() { Store = checkpoints });
        var waiter = await runtime.LaunchAsync(new OutlineAwaitTally { Key = "outline", Target = 3 });
        await WaitForStateAsync(waiter, ProcessState.Waiting);
        var stored = await checkpoints.LoadAsync(waiter.Id);
        Assert.Equal(ProcessState.Waiting, stored!.Info.State);

        await runtime.SharedStates.UpdateAsync<Tally>("outline", tally => tally.Count += 2);
        await Task.Delay(100);
        Assert.Equal(ProcessState.Waiting, waiter.Status.State);
        await runtime.SharedStates.UpdateAsync<Tally>("outline", tally => tally.Count++);
        var done = await waiter.WaitAsync().AsTask().Within();
        Assert.Equal((3, 2), (done.Seen, done.Steps));

        // Already met: no wait at all.
        var quick = await runtime.RunAsync(new OutlineAwaitTally { Key = "outline", Target = 1 }).AsTask().Within();
        Assert.Equal((3, 2), (quick.Seen, quick.Steps));
    }

    [Fact]
    public async Task An_outline_wait_for_a_state_survives_stop_and_continue_and_wakes_at_once_when_met_meanwhile()
    {
        var checkpoints = new InMemoryCheckpointStore();
        var states = new InMemorySharedStateStore();
        ProcessId first, second;
        await using (var runtime = new ProcessRuntime(new() { Store = checkpoints, SharedStates = new() { Store = states } }))
        {
            var one = await runtime.LaunchAsync(new OutlineAwaitTally { Key = "stopped", Target = 2 });
            var two = await runtime.LaunchAsync(new OutlineAwaitTally { Key = "stopped", Target = 5 });
            (first, second) = (one.Id, two.Id);
            await WaitForStateAsync(one, ProcessState.Waiting);
            await WaitForStateAsync(two, ProcessState.Waiting);
        }

        // Met while nobody ran the first process: it goes on at once when continued; the second still waits.
        await using (var offline = new ProcessRuntime(new() { SharedStates = new() { Store = states } }))
        {
            await offline.SharedStates.UpdateAsync<Tally>("stopped", tally => tally.Count = 2);
        }

        await using var continuing = new ProcessRuntime(new() { Store = checkpoints, SharedStates = new() { Store = states } });
        var resumedOne = await continuing.ContinueAsync<OutlineAwaitTally>(first);
        var resumedTwo = await continuing.ContinueAsync<OutlineAwaitTally>(second);
        var doneOne = await resumedOne.WaitAsync().AsTask().Within();
        Assert.Equal((2, 2), (doneOne.Seen, doneOne.Steps));   // Start ran once, before the stop: not again.

        await WaitForStateAsync(resumedTwo, ProcessState.Waiting);
        await continuing.SharedStates.UpdateAsync<Tally>("stopped", tally => tally.Count = 5);
        var doneTwo = await resumedTwo.WaitAsync().AsTask().Within();
        Assert.Equal((5, 2), (doneTwo.Seen, doneTwo.Steps));
    }

    private static string SharedStateName<TState>()
        where TState : class, ISharedState<TState> => TState.StateName;

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
