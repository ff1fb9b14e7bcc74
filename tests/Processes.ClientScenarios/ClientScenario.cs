using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.TestProcesses;
using Xunit;

namespace Processes.ClientScenarios;

/// <summary>
/// One scenario through <see cref="IProcessClient"/> that every transport runs (in process, a pipe
/// worker, the pool, the broker): the same calls must give the same answers. Each part is its own
/// method so a transport's test names the part that failed; <see cref="RunAllAsync"/> runs them all.
/// </summary>
public static class ClientScenario
{
    /// <summary>How long any one call or wait may take before the scenario fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Every part, in order.</summary>
    public static async Task RunAllAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(capabilities);
        await RunAndFailuresAsync(client, capabilities);
        await ControlAsync(client, capabilities);
        await CancelRunAsync(client, capabilities);
        await ContinueAsync(client, capabilities);
        await SubmitAsync(client, capabilities);
        await EventsAsync(client, capabilities);
        await JsonEventsAsync(client, capabilities);
        await RetryAsync(client, capabilities);
        await MapAsync(client, capabilities);
        await WatchAsync(client, capabilities);
    }

    /// <summary>Run a task and a process; invalid inputs and an excepted body throw their typed exceptions.</summary>
    public static async Task RunAndFailuresAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        Assert.Equal(49, (await client.RunAsync(new RemoteSquare { X = 7 }).Within()).Result);
        Assert.Equal(RemoteSumOfSquares.Expected(3), (await client.RunAsync(new RemoteSumOfSquares { Count = 3 }).Within()).Total);

        var invalid = await Assert.ThrowsAsync<PortValidationException>(async () => await client.RunAsync(new RemoteSquare { X = -3, DelayMs = 70_000 })).Within();
        Assert.Equal(["inputs.x", "inputs.delay_ms"], invalid.Errors.Select(error => error.Path));

        var excepted = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await client.RunAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Throw })).Within();
        Assert.Equal(typeof(InvalidOperationException).FullName, excepted.Error.TypeName);
    }

    /// <summary>Launch, list, pause, play and kill a hanging task; its handle reports the kill.</summary>
    public static async Task ControlAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var handle = await client.LaunchAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }).Within();
        Assert.Contains(await client.ListAsync().Within(), status => status.Id == handle.Id);
        Assert.Equal(ProcessControlOutcome.Applied, (await client.PauseAsync(handle.Id, "wait").Within()).Outcome);
        Assert.True((await client.GetStatusAsync(handle.Id).Within()).Paused);
        Assert.Equal(ProcessControlOutcome.Unchanged, (await client.PauseAsync(handle.Id, "again").Within()).Outcome);
        Assert.Equal(ProcessControlOutcome.Applied, (await client.PlayAsync(handle.Id).Within()).Outcome);
        Assert.Equal(ProcessControlOutcome.Unchanged, (await client.PlayAsync(handle.Id).Within()).Outcome);
        Assert.Equal(ProcessControlOutcome.Applied, (await client.KillAsync(handle.Id, "stop", force: true).Within()).Outcome);
        Assert.Equal("stop", (await Assert.ThrowsAsync<ProcessKilledException>(async () => await handle.WaitAsync()).Within()).KillMessage);

        if (capabilities.RemembersEndedTasks)
        {
            Assert.Equal(ProcessControlOutcome.Terminated, (await client.KillAsync(handle.Id, "again").Within()).Outcome);
        }
        else
        {
            await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await client.KillAsync(handle.Id, "again")).Within();
        }
    }

    /// <summary>Cancelling a run's token ends the call; the progress sink saw the process first.</summary>
    public static async Task CancelRunAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var progress = new StatusRecorder();
        using var cancellation = new CancellationTokenSource();
        var run = client.RunAsync(new RemoteSquare { X = 1, Mode = RemoteSquare.Hang }, progress, cancellation.Token);
        await Until(() => Task.FromResult(progress.Statuses.Count), count => count > 0);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await run).Within();
    }

    /// <summary>A finished process continues to its stored outcome; an unknown id is not found.</summary>
    public static async Task ContinueAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var sum = await client.LaunchAsync(new RemoteSumOfSquares { Count = 2 }).Within();
        Assert.Equal(RemoteSumOfSquares.Expected(2), (await sum.WaitAsync().Within()).Total);
        var continued = await client.ContinueAsync<RemoteSumOfSquares>(sum.Id).Within();
        Assert.Equal(RemoteSumOfSquares.Expected(2), (await continued.WaitAsync().Within()).Total);
        if (capabilities.QueuesContinue)
        {
            var unknown = await client.ContinueAsync<RemoteSquare>(ProcessId.New()).Within();
            await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await unknown.WaitAsync()).Within();
        }
        else
        {
            await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await client.ContinueAsync<RemoteSquare>(ProcessId.New())).Within();
        }
    }

    /// <summary>Fire and forget: the id comes back at once, the process runs to its end, and continuing it reads its outputs.</summary>
    public static async Task SubmitAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var id = await client.SubmitAsync(new RemoteSumOfSquares { Count = 4 }).Within();
        var status = await Until(() => client.GetStatusAsync(id).AsTask(), candidate => candidate.State.IsTerminal());
        Assert.Equal(ProcessState.Finished, status.State);
        var continued = await client.ContinueAsync<RemoteSumOfSquares>(id).Within();
        Assert.Equal(RemoteSumOfSquares.Expected(4), (await continued.WaitAsync().Within()).Total);
    }

    /// <summary>
    /// Events: one the process does not wait for is buffered, the awaited one is delivered (with
    /// its payload), a finished process rejects one, an unknown id is not found.
    /// </summary>
    public static async Task EventsAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var approval = await client.LaunchAsync(new RemoteApproval()).Within();
        await Until(() => approval.GetStatusAsync().AsTask(), status => status.State == ProcessState.Waiting);

        Assert.Equal(ProcessEventOutcome.Buffered, (await client.RaiseEventAsync(approval.Id, "unrelated").Within()).Outcome);
        var delivered = await client.RaiseEventAsync(approval.Id, "approval", new RemoteDecision { By = "dana" }).Within();
        Assert.Equal(ProcessEventOutcome.Delivered, delivered.Outcome);
        Assert.Equal("approved by dana", (await approval.WaitAsync().Within()).Outcome);

        Assert.Equal(ProcessEventOutcome.Rejected, (await client.RaiseEventAsync(approval.Id, "approval").Within()).Outcome);
        await Assert.ThrowsAsync<PortValidationException>(async () => await client.RaiseEventAsync(approval.Id, "approval", new RemoteDecision { By = "" })).Within();
        await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await client.RaiseEventAsync(ProcessId.New(), "approval")).Within();
    }

    /// <summary>
    /// Events raised with a JSON payload by payload type name (what the command line does): a bad
    /// payload, or a type the other end did not register, is refused with the same errors at the
    /// same paths on every transport and nothing is raised; a good one is delivered as a typed one.
    /// </summary>
    public static async Task JsonEventsAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var approval = await client.LaunchAsync(new RemoteApproval()).Within();
        await Until(() => approval.GetStatusAsync().AsTask(), status => status.State == ProcessState.Waiting);
        var type = typeof(RemoteDecision).FullName!;

        async Task<PortError> RefusedAsync(string payloadType, string json)
        {
            var refused = await Assert.ThrowsAsync<PortValidationException>(async () => await client.RaiseEventAsync(approval.Id, "approval", payloadType, json)).Within();
            return Assert.Single(refused.Errors);
        }

        Assert.Equal(new PortError("event.approval.by", "must be a JSON string, but was 5"), await RefusedAsync(type, """{ "by": 5 }"""));
        Assert.Equal(new PortError("event.approval.by", PortError.MissingRequired), await RefusedAsync(type, "{ }"));
        Assert.Equal(new PortError("event.approval.bye", "unknown port 'bye'; known ports here: by"), await RefusedAsync(type, """{ "by": "ann", "bye": "x" }"""));
        Assert.Equal(new PortError("event.approval", "must be a JSON object, but was array"), await RefusedAsync(type, """[ "ann" ]"""));
        Assert.Equal("event.approval.by", (await RefusedAsync(type, """{ "by": "" }""")).Path);
        var unparsed = await RefusedAsync(type, """{ "by": """);
        Assert.Equal("event.approval", unparsed.Path);
        Assert.StartsWith("is not valid JSON", unparsed.Message, StringComparison.Ordinal);
        var unknownType = await RefusedAsync("No.Such.Payload", """{ "by": "ann" }""");
        Assert.Equal("event.approval", unknownType.Path);
        Assert.Contains("no event payload type 'No.Such.Payload' is registered here", unknownType.Message, StringComparison.Ordinal);
        Assert.Equal(ProcessState.Waiting, (await approval.GetStatusAsync().Within()).State);

        var delivered = await client.RaiseEventAsync(approval.Id, "approval", type, """{ "by": "erin" }""").Within();
        Assert.Equal(ProcessEventOutcome.Delivered, delivered.Outcome);
        Assert.Equal("approved by erin", (await approval.WaitAsync().Within()).Outcome);
        Assert.Equal(ProcessEventOutcome.Rejected, (await client.RaiseEventAsync(approval.Id, "approval", type, """{ "by": "erin" }""").Within()).Outcome);
        await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await client.RaiseEventAsync(ProcessId.New(), "approval", type, """{ "by": "erin" }""")).Within();
    }

    /// <summary>An excepted process retries from its last good checkpoint once its cause is fixed; a finished one cannot be retried.</summary>
    public static async Task RetryAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var fixedWhen = Path.Combine(Path.GetTempPath(), "processes-scenario-fixed-" + Guid.NewGuid().ToString("N"));
        try
        {
            var failing = await client.LaunchAsync(new RemoteFailsUntilFile { FixedWhenExists = fixedWhen }).Within();
            await Assert.ThrowsAsync<ProcessExceptedException>(async () => await failing.WaitAsync()).Within();
            Assert.Equal(ProcessState.Excepted, (await client.GetStatusAsync(failing.Id).Within()).State);

            await File.WriteAllTextAsync(fixedWhen, "fixed");
            var retried = await client.RetryAsync<RemoteFailsUntilFile>(failing.Id).Within();
            // The first step is not run again: its result was in the last good checkpoint.
            Assert.Equal(11, (await retried.WaitAsync().Within()).Total);
            if (capabilities.QueuesContinue)
            {
                var again = await client.RetryAsync<RemoteFailsUntilFile>(failing.Id).Within();
                await Assert.ThrowsAsync<InvalidStateTransitionException>(async () => await again.WaitAsync()).Within();
            }
            else
            {
                await Assert.ThrowsAsync<InvalidStateTransitionException>(async () => await client.RetryAsync<RemoteFailsUntilFile>(failing.Id)).Within();
            }
        }
        finally
        {
            File.Delete(fixedWhen);
        }
    }

    /// <summary>Map: results in item order; with collected errors every item runs and the failures come together.</summary>
    public static async Task MapAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        var squares = await client.MapAsync([1, 2, 3, 4], x => new RemoteSquare { X = x }, new MapOptions { MaxParallelism = 2 }).Within();
        Assert.Equal([1L, 4L, 9L, 16L], squares.Select(square => square.Result));

        var failed = await Assert.ThrowsAsync<ProcessMapException>(async () => await client.MapAsync(
            [1, 2, 3],
            x => new RemoteSquare { X = x, Mode = x == 2 ? RemoteSquare.Throw : null },
            new MapOptions { MaxParallelism = 3, OnFailure = MapFailurePolicy.CollectErrors })).Within();
        Assert.Equal(3, failed.ItemCount);
        var failure = Assert.Single(failed.Failures);
        Assert.Equal(1, failure.Key);
        Assert.IsType<ProcessExceptedException>(failure.Value);
        Assert.Equal(9L, Assert.IsType<RemoteSquare>(failed.Results[2]).Result);

        // Chunked: one call per chunk of 3 (the last one shorter), results and failures still per item.
        var chunked = await client.MapAsync(Enumerable.Range(1, 10), x => new RemoteSquare { X = x }, new MapOptions { ChunkSize = 3, MaxParallelism = 2 }).Within();
        Assert.Equal(Enumerable.Range(1, 10).Select(x => (long)x * x), chunked.Select(square => square.Result));

        var chunkFailed = await Assert.ThrowsAsync<ProcessMapException>(async () => await client.MapAsync(
            Enumerable.Range(1, 10),
            x => new RemoteSquare { X = x, Mode = x == 7 ? RemoteSquare.Throw : null },
            new MapOptions { ChunkSize = 4, OnFailure = MapFailurePolicy.CollectErrors })).Within();
        Assert.Equal(10, chunkFailed.ItemCount);
        var chunkFailure = Assert.Single(chunkFailed.Failures);
        Assert.Equal(6, chunkFailure.Key);
        Assert.Equal(typeof(InvalidOperationException).FullName, Assert.IsType<ProcessExceptedException>(chunkFailure.Value).Error.TypeName);
        Assert.Equal(64L, Assert.IsType<RemoteSquare>(chunkFailed.Results[7]).Result);
        Assert.Null(chunkFailed.Results[6]);

        var failFast = await Assert.ThrowsAsync<ProcessExceptedException>(async () => await client.MapAsync(
            Enumerable.Range(1, 6),
            x => new RemoteSquare { X = x, Mode = x == 2 ? RemoteSquare.Throw : null },
            new MapOptions { ChunkSize = 3 })).Within();
        Assert.Equal(typeof(InvalidOperationException).FullName, failFast.Error.TypeName);
    }

    private static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);

    private static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    private static Task Within(this Task task) => task.WaitAsync(Timeout);

    /// <summary>
    /// Watch one process from its current status (waiting for an event) to its end, in order; a
    /// watch of every process sees a process launched after it is set up.
    /// </summary>
    public static async Task WatchAsync(IProcessClient client, ClientCapabilities capabilities)
    {
        using var stop = new CancellationTokenSource(Timeout);
        var approval = await client.LaunchAsync(new RemoteApproval()).Within();
        await Until(() => approval.GetStatusAsync().AsTask(), status => status.State == ProcessState.Waiting);

        await using (var one = client.WatchAsync(approval.Id, stop.Token).GetAsyncEnumerator(stop.Token))
        {
            Assert.True(await one.MoveNextAsync());
            Assert.Equal((approval.Id, ProcessState.Waiting), (one.Current.Id, one.Current.State));
            Assert.Equal(ProcessEventOutcome.Delivered, (await client.RaiseEventAsync(approval.Id, "approval", new RemoteDecision { By = "eve" }).Within()).Outcome);

            var states = new List<ProcessState>();
            while (states.Count == 0 || !states[^1].IsTerminal())
            {
                Assert.True(await one.MoveNextAsync());
                Assert.Equal(approval.Id, one.Current.Id);
                states.Add(one.Current.State);
            }

            Assert.Equal(ProcessState.Finished, states[^1]);
            Assert.True(one.Current.IsSuccessful);
            Assert.DoesNotContain(ProcessState.Created, states);
        }

        // A watch of every process is set up asynchronously: launch until one launch is seen.
        await using var all = client.WatchAsync(cancellationToken: stop.Token).GetAsyncEnumerator(stop.Token);
        var launched = new HashSet<ProcessId>();
        var next = all.MoveNextAsync().AsTask();
        while (true)
        {
            launched.Add((await client.LaunchAsync(new RemoteSumOfSquares { Count = 1 }).Within()).Id);
            if (await Task.WhenAny(next, Task.Delay(200, stop.Token)) != next)
            {
                continue;
            }

            Assert.True(await next);
            if (launched.Contains(all.Current.Id))
            {
                break;
            }

            next = all.MoveNextAsync().AsTask();
        }
    }

    private static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var value = await probe().WaitAsync(Timeout);
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not become true in time; last value: {value}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A progress sink that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class StatusRecorder : IProgress<ProcessStatus>
    {
        private readonly ConcurrentQueue<ProcessStatus> _statuses = new();

        public IReadOnlyCollection<ProcessStatus> Statuses => _statuses;

        public void Report(ProcessStatus value) => _statuses.Enqueue(value);
    }
}
