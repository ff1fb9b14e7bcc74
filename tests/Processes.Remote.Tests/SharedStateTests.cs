using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>
/// Shared states owned by a worker and used over the pipe: compare-and-set updates from several
/// clients lose nothing, watches and their typed outcomes cross the pipe, tasks on the worker and
/// remote clients share one state, and every acknowledged update survives a SIGKILL of the worker.
/// </summary>
public sealed class SharedStateTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "prt-shared-" + Guid.NewGuid().ToString("N"));

    private static async Task<(ProcessRuntime Runtime, ProcessWorker Worker)> StartWorkerAsync(int historyLimit = 1024)
    {
        TestProcessCatalog.Register();
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { SharedStates = new SharedStateOptions { HistoryLimit = historyLimit } });
        var worker = new ProcessWorker(runtime, new ProcessWorkerOptions { PipeName = WorkerProcess.NewPipeName() });
        await worker.StartAsync();
        return (runtime, worker);
    }

    private static Task<ProcessClient> ConnectAsync(ProcessWorker worker) =>
        ProcessClient.ConnectAsync(worker.Options.PipeName, new ProcessClientOptions { ConnectTimeout = WorkerProcess.Timeout });

    [Fact]
    public async Task Remote_clients_updating_at_once_lose_no_update()
    {
        var (runtime, worker) = await StartWorkerAsync();
        await using var _ = runtime;
        await using var __ = worker;
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ConnectAsync(worker))).Within();
        var results = new ConcurrentBag<long>();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                results.Add(await client.SharedStates.UpdateAsync<RemoteTally, long>("cas", tally => ++tally.Count));
            }
        }))).Within();

        var local = await runtime.SharedStates.GetAsync<RemoteTally>("cas");
        var remote = await clients[0].SharedStates.GetAsync<RemoteTally>("cas").Within();
        Assert.Equal(400, local.State.Count);
        Assert.Equal(400, local.Version);
        Assert.Equal(400, remote.State.Count);
        Assert.Equal(Enumerable.Range(1, 400).Select(value => (long)value), results.OrderBy(value => value));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_declared_operation_runs_on_the_worker_once_per_call_in_one_round_trip()
    {
        var (runtime, worker) = await StartWorkerAsync();
        await using var _ = runtime;
        await using var __ = worker;
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ConnectAsync(worker))).Within();
        var results = new ConcurrentBag<long>();
        var changes = 0;
        await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                results.Add(await client.SharedStates.UpdateAsync("ops", RemoteTally.Operations.Add(3, "client " + index)));
            }
        }))).Within();

        // Every call ran exactly once, on the worker, under the state's lock: no retries, no lost update.
        var local = await runtime.SharedStates.GetAsync<RemoteTally>("ops");
        Assert.Equal(1200, local.State.Count);
        Assert.Equal(400, local.State.Runs);
        Assert.Equal(400, local.Version);
        Assert.Equal(Enumerable.Range(1, 400).Select(value => 3L * value), results.OrderBy(value => value));
        await foreach (var change in runtime.SharedStates.WatchAsync<RemoteTally>("ops", new() { AfterVersion = 399, IncludeOwnChanges = true }))
        {
            Assert.StartsWith("client:", change.Writer);
            changes++;
            break;
        }

        Assert.Equal(1, changes);

        // A failing operation changes nothing and its error crosses the pipe typed.
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(async () => await clients[0].SharedStates.UpdateAsync("ops", RemoteTally.Operations.Fail("no")));
        Assert.Equal("no", failed.Message);
        Assert.Equal(400, (await clients[1].SharedStates.GetAsync<RemoteTally>("ops")).Version);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Watches_cross_the_pipe_with_their_modes_filters_and_typed_outcomes()
    {
        var (runtime, worker) = await StartWorkerAsync(historyLimit: 4);
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ConnectAsync(worker).Within();
        var me = client.CreateSharedStateClient("me");

        var waiting = client.SharedStates.WaitForChangeAsync<RemoteTally>("w", new() { Members = new[] { "Note" } }).AsTask();
        await me.UpdateAsync<RemoteTally>("w", tally => tally.Count++);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        await me.UpdateAsync<RemoteTally>("w", tally => tally.Note = "hi");
        var filtered = await waiting.Within();
        Assert.Equal(2, filtered.Version);
        Assert.Equal("me", filtered.Writer);
        Assert.Equal(new[] { "Note" }, filtered.ChangedMembers);
        Assert.Equal("hi", filtered.State.Note);

        var timeout = await Assert.ThrowsAsync<SharedStateWatchTimeoutException>(async () =>
            await me.WaitForChangeAsync<RemoteTally>("w", new() { AfterVersion = 0, Timeout = TimeSpan.FromMilliseconds(100) })).Within();
        Assert.Equal("tests.remote-tally", timeout.StateName);
        var own = await me.WaitForChangeAsync<RemoteTally>("w", new() { AfterVersion = 0, IncludeOwnChanges = true }).Within();
        Assert.Equal(1, own.Version);

        for (var i = 0; i < 6; i++)
        {
            await runtime.SharedStates.UpdateAsync<RemoteTally>("w", tally => tally.Count++);
        }

        var truncated = await Assert.ThrowsAsync<SharedStateHistoryTruncatedException>(async () =>
            await client.SharedStates.WaitForChangeAsync<RemoteTally>("w", new() { AfterVersion = 1 })).Within();
        Assert.Equal(4, truncated.OldestAfterVersion);
        var live = await client.SharedStates.WaitForChangeAsync<RemoteTally>("w", new() { AfterVersion = 4, Mode = SharedStateWatchMode.Live }).Within();
        Assert.Equal(8, live.Version);
        Assert.Equal(3, live.SkippedChanges);
        Assert.Equal(7, live.State.Count);

        using var cancel = new CancellationTokenSource(100);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await client.SharedStates.WaitForChangeAsync<RemoteTally>("w", cancellationToken: cancel.Token)).Within();
    }

    [Fact]
    public async Task Tasks_on_the_worker_and_a_remote_watcher_share_one_state()
    {
        var (runtime, worker) = await StartWorkerAsync();
        await using var _ = runtime;
        await using var __ = worker;
        await using var client = await ConnectAsync(worker).Within();

        var seen = new ConcurrentQueue<long>();
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in client.SharedStates.WatchAsync<RemoteTally>("tasks", new() { AfterVersion = 0 }, stop.Token))
            {
                seen.Enqueue(change.State.Count);
                if (change.State.Count == 200)
                {
                    return;
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.RunAsync(new IncrementTally { Key = "tasks", Times = 50 }).AsTask())).Within();
        await watching.Within();

        Assert.Equal(Enumerable.Range(1, 200).Select(value => (long)value), seen);
        Assert.Equal(200, (await client.SharedStates.GetAsync<RemoteTally>("tasks").Within()).State.Count);
    }

    [Fact]
    public async Task A_replace_with_bytes_that_are_not_a_state_section_is_refused_typed_and_the_connection_goes_on()
    {
        var (runtime, worker) = await StartWorkerAsync();
        await using var _ = runtime;
        await using var __ = worker;
        await using var raw = await RawConnection.OpenAsync(worker.Options.PipeName, secret: null).Within();

        using (var replace = new Processes.Serialization.ProcessWriter())
        {
            replace.WriteString("tests.remote-tally");
            replace.WriteString("raw");
            replace.WriteString("raw-writer");
            replace.WriteInt64(0);
            replace.WriteBytes(null);
            replace.WriteBytes(new byte[] { 1, 2, 3 });
            await raw.SendAsync(RawConnection.Frame(RawConnection.Version, 24, 0, 5, replace.WrittenSpan)).Within();
        }

        var refused = await raw.ReadFrameAsync().Within();
        Assert.Equal(RawConnection.Error, refused!.Type);
        Assert.Equal(5, refused.CorrelationId);
        Assert.Equal(9, refused.Payload[0]); // a serialization error, not a protocol error: the connection stays

        using (var get = new Processes.Serialization.ProcessWriter())
        {
            get.WriteString("tests.remote-tally");
            get.WriteString("raw");
            await raw.SendAsync(RawConnection.Frame(RawConnection.Version, 23, 0, 6, get.WrittenSpan)).Within();
        }

        var answered = await raw.ReadFrameAsync().Within();
        Assert.Equal(RawConnection.Result, answered!.Type);
        Assert.Equal(6, answered.CorrelationId);
        Assert.Equal(0, (await runtime.SharedStates.GetAsync<RemoteTally>("raw")).Version);
    }

    [Fact]
    public async Task Every_acknowledged_update_survives_a_SIGKILL_of_the_worker()
    {
        var acknowledged = 0L;
        await using (var first = await WorkerProcess.StartAsync(store: _store))
        {
            await using var client = await first.ConnectAsync().Within();
            var updating = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var count = await client.SharedStates.UpdateAsync<RemoteTally, long>("crash", tally => ++tally.Count);
                        Interlocked.Exchange(ref acknowledged, count);
                    }
                }
                catch (Exception exception) when (exception is RemoteProtocolException or IOException or ObjectDisposedException or OperationCanceledException or ProcessException)
                {
                    // The worker died under the call: that update was never acknowledged.
                }
            });
            await TestKit.Until(() => Task.FromResult(Interlocked.Read(ref acknowledged)), count => count >= 100);
            first.Kill();
            await updating.Within();
        }

        Assert.True(acknowledged >= 100);
        await using var second = await WorkerProcess.StartAsync(store: _store);
        await using var again = await second.ConnectAsync().Within();
        var state = await again.SharedStates.GetAsync<RemoteTally>("crash").Within();

        // Every acknowledged update is there; at most the one in flight at the kill was saved without its reply.
        Assert.InRange(state.State.Count, acknowledged, acknowledged + 1);
        Assert.Equal(state.State.Count, state.Version);
        Assert.Equal(state.State.Count + 1, await again.SharedStates.UpdateAsync<RemoteTally, long>("crash", tally => ++tally.Count).Within());
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _store, _store + ".shared-states" })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
