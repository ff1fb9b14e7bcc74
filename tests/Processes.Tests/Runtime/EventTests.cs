using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Ports;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>External events: typed payloads, durable inbox, waits with a timeout, stopped and continued processes.</summary>
public sealed class EventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_waiting_process_goes_on_with_the_payload_of_the_event_raised_to_it()
    {
        var key = NewKey();
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new AwaitApproval { Key = key });
        await Until(() => handle.State == ProcessState.Waiting);

        var result = await runtime.RaiseEventAsync(handle.Id, "approval", new Decision { By = "ann", Amount = 120 });

        Assert.Equal(ProcessEventOutcome.Delivered, result.Outcome);
        Assert.True(result.Accepted);
        Assert.Equal("approved by ann for 120", (await handle.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
        Assert.Equal(["ask", "decide"], EventLog.For(key));
    }

    [Fact]
    public async Task Whichever_awaited_event_comes_first_ends_the_wait()
    {
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new AwaitApproval { Key = NewKey() });
        await Until(() => handle.State == ProcessState.Waiting);

        Assert.Equal(ProcessEventOutcome.Delivered, (await runtime.RaiseEventAsync(handle.Id, "cancel")).Outcome);

        Assert.Equal("cancelled", (await handle.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
    }

    [Fact]
    public async Task The_timeout_ends_the_wait_and_the_next_step_finds_no_event()
    {
        await using var runtime = new ProcessRuntime();
        var started = DateTimeOffset.UtcNow;
        var process = await runtime.RunAsync(new AwaitApproval { Key = NewKey(), TimeoutMs = 300 }).AsTask().WaitAsync(Patience);
        Assert.Equal("timed out", process.Outcome);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(280));
    }

    [Fact]
    public async Task An_event_raised_before_its_wait_is_buffered_and_taken_when_a_step_waits_for_it()
    {
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new TwoWaits());
        await Until(() => handle.State == ProcessState.Waiting);

        var early = await runtime.RaiseEventAsync(handle.Id, "second", new Note { Text = "b" });
        Assert.Equal(ProcessEventOutcome.Buffered, early.Outcome);
        Assert.Equal(ProcessState.Waiting, handle.State);

        Assert.Equal(ProcessEventOutcome.Delivered, (await runtime.RaiseEventAsync(handle.Id, "first", new Note { Text = "a" })).Outcome);
        Assert.Equal("a+b", (await handle.WaitAsync().AsTask().WaitAsync(Patience)).Seen);
    }

    [Fact]
    public async Task An_event_raised_while_the_process_is_stopped_is_stored_and_delivered_when_it_continues()
    {
        var key = NewKey();
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new AwaitApproval { Key = key });
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
        }

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var stored = await second.RaiseEventAsync(id, "approval", new Decision { By = "bob", Amount = 7 });
        Assert.Equal(ProcessEventOutcome.Stored, stored.Outcome);
        Assert.Equal(ProcessState.Waiting, stored.State);
        Assert.Null(await store.GetLeaseAsync(id));

        var continued = await second.ContinueAsync<AwaitApproval>(id);
        Assert.Equal("approved by bob for 7", (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Outcome);
        Assert.Equal(["ask", "decide"], EventLog.For(key));
    }

    [Fact]
    public async Task A_continued_process_keeps_the_original_deadline()
    {
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new AwaitApproval { Key = NewKey(), TimeoutMs = 200 });
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
        }

        await Task.Delay(400);
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        var continued = await second.ContinueAsync<AwaitApproval>(id);
        Assert.Equal("timed out", (await continued.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2))).Outcome);
    }

    [Fact]
    public async Task A_terminated_process_or_a_task_rejects_an_event_and_an_unknown_id_throws()
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { KeepCheckpointsOfFinishedRuns = true });
        var done = await runtime.LaunchAsync(new AwaitApproval { Key = NewKey(), TimeoutMs = 1 });
        await done.WaitAsync().AsTask().WaitAsync(Patience);
        var rejected = await runtime.RaiseEventAsync(done.Id, "approval");
        Assert.Equal(ProcessEventOutcome.Rejected, rejected.Outcome);
        Assert.False(rejected.Accepted);
        Assert.Contains("terminated", rejected.Message, StringComparison.Ordinal);

        var task = await runtime.LaunchAsync(new SlowTask());
        var toTask = await runtime.RaiseEventAsync(task.Id, "approval");
        Assert.Equal(ProcessEventOutcome.Rejected, toTask.Outcome);
        Assert.Contains("task", toTask.Message, StringComparison.Ordinal);
        await task.KillAsync();

        await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await runtime.RaiseEventAsync(ProcessId.New(), "approval"));
    }

    [Fact]
    public async Task An_invalid_payload_is_refused_with_its_port_path_and_nothing_is_raised()
    {
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new AwaitApproval { Key = NewKey() });
        await Until(() => handle.State == ProcessState.Waiting);

        var invalid = await Assert.ThrowsAsync<PortValidationException>(async () =>
            await runtime.RaiseEventAsync(handle.Id, "approval", new Decision { By = "", Amount = 5000 }));

        Assert.Equal(2, invalid.Errors.Count);
        Assert.All(invalid.Errors, error => Assert.StartsWith("event.approval.", error.Path, StringComparison.Ordinal));
        await Task.Delay(100);
        Assert.Equal(ProcessState.Waiting, handle.State);
        await Assert.ThrowsAsync<ArgumentException>(async () => await runtime.RaiseEventAsync(handle.Id, " "));
    }

    [Fact]
    public async Task Reading_a_signal_as_a_payload_fails_the_step_with_the_event_named()
    {
        await using var runtime = new ProcessRuntime();
        var handle = await runtime.LaunchAsync(new ReadsSignalAsPayload());
        await Until(() => handle.State == ProcessState.Waiting);
        await runtime.RaiseEventAsync(handle.Id, "ping");

        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await handle.WaitAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.Error.TypeName);
        Assert.Contains("'ping'", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checkpoint_of_a_waiting_process_holds_its_wait_and_buffered_events()
    {
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new TwoWaits());
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
            Assert.Equal(ProcessEventOutcome.Buffered, (await first.RaiseEventAsync(id, "second", new Note { Text = "y" })).Outcome);
        }

        // Stopped with "second" buffered: a new runtime delivers "first", then "second" is taken at once.
        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        Assert.Equal(ProcessEventOutcome.Stored, (await second.RaiseEventAsync(id, "first", new Note { Text = "x" })).Outcome);
        var continued = await second.ContinueAsync<TwoWaits>(id);
        Assert.Equal("x+y", (await continued.WaitAsync().AsTask().WaitAsync(Patience)).Seen);
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
