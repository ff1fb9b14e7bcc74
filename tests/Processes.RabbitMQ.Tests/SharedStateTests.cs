using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Processes.Serialization;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// Shared states over the broker, as in process and over pipes: atomic updates from many clients,
/// declared operations, snapshots, watches (buffered, live, filtered, own writes skipped, timeout)
/// and typed errors, served by one worker of the deployment at a time.
/// </summary>
public sealed class SharedStateTests(SharedBroker broker)
{
    [Fact]
    public async Task Concurrent_delegate_updates_and_operations_from_several_clients_all_apply_exactly_once()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        await deployment.StartWorkerAsync(slots: 1); // a standby: the queue has one active consumer
        var clients = new[] { await deployment.ConnectAsync(), await deployment.ConnectAsync(), await deployment.ConnectAsync() };
        var updaters = clients.SelectMany((client, c) => new[] { client.CreateSharedStateClient($"a{c}"), client.CreateSharedStateClient($"b{c}") }).ToArray();
        var token = TestContext.Current.CancellationToken;

        await Task.WhenAll(updaters.Select(async (states, index) =>
        {
            for (var i = 0; i < 15; i++)
            {
                if (index % 2 == 0)
                {
                    await states.UpdateAsync<BrokerCounter>("census", counter => counter.Count++, token);
                }
                else
                {
                    await states.UpdateAsync("census", BrokerCounter.Operations.Add(1), token);
                }
            }
        }));

        var snapshot = await clients[0].SharedStates.GetAsync<BrokerCounter>("census", token);
        Assert.Equal(6 * 15, snapshot.State.Count);
        Assert.Equal(6 * 15, snapshot.Version);
    }

    [Fact]
    public async Task A_declared_operation_runs_on_the_serving_worker_returns_its_result_and_a_snapshot_reads_it()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        var client = await deployment.ConnectAsync();
        var token = TestContext.Current.CancellationToken;

        Assert.Equal(5, await client.SharedStates.UpdateAsync("k", BrokerCounter.Operations.Add(5), token));
        Assert.Equal(12, await client.SharedStates.UpdateAsync("k", BrokerCounter.Operations.Add(7), token));
        Assert.Equal(3, await client.SharedStates.UpdateAsync("k", BrokerCounter.Operations.Write("noted"), token)); // void: the new version

        var snapshot = await (await deployment.ConnectAsync()).SharedStates.GetAsync<BrokerCounter>("k", token);
        Assert.Equal((3L, 12L, "noted", client.SharedStates.Writer), (snapshot.Version, snapshot.State.Count, snapshot.State.Note, snapshot.Writer));
        var untouched = await client.SharedStates.GetAsync<BrokerCounter>("other", token);
        Assert.Equal((0L, 0L), (untouched.Version, untouched.State.Count));
    }

    [Fact]
    public async Task An_operation_the_worker_does_not_know_is_refused_typed_and_changes_nothing()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        var client = await deployment.ConnectAsync();
        var token = TestContext.Current.CancellationToken;
        await client.SharedStates.UpdateAsync("k", BrokerCounter.Operations.Add(2), token);

        var missing = await Assert.ThrowsAsync<SharedStateOperationNotFoundException>(async () => await client.SharedStates.UpdateAsync("k", new Vanish(), token));
        Assert.Equal(("broker.counter", "Vanish", true), (missing.StateName, missing.Operation, missing.StateRegistered));
        Assert.Equal(1, (await client.SharedStates.GetAsync<BrokerCounter>("k", token)).Version);
    }

    [Fact]
    public async Task A_buffered_watcher_on_another_client_sees_every_change_in_order()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        var writer = (await deployment.ConnectAsync()).SharedStates;
        var watcher = (await deployment.ConnectAsync()).SharedStates;
        var token = TestContext.Current.CancellationToken;

        var seen = new List<(long Version, long Count)>();
        var watching = Task.Run(async () =>
        {
            var after = 0L;
            while (after < 20)
            {
                var change = await watcher.WaitForChangeAsync<BrokerCounter>("k", new SharedStateWatchOptions { AfterVersion = after, Timeout = TimeSpan.FromSeconds(30) }, token);
                seen.Add((change.Version, change.State.Count));
                after = change.Version;
            }
        }, token);
        for (var i = 0; i < 20; i++)
        {
            await writer.UpdateAsync<BrokerCounter>("k", counter => counter.Count++, token);
        }

        await watching;
        Assert.Equal(Enumerable.Range(1, 20).Select(i => ((long)i, (long)i)), seen);
    }

    [Fact]
    public async Task A_live_watch_returns_the_newest_change_and_counts_the_skipped_ones()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        var writer = (await deployment.ConnectAsync()).SharedStates;
        var watcher = (await deployment.ConnectAsync()).SharedStates;
        var token = TestContext.Current.CancellationToken;
        for (var i = 0; i < 4; i++)
        {
            await writer.UpdateAsync("k", BrokerCounter.Operations.Add(1), token);
        }

        var live = await watcher.WaitForChangeAsync<BrokerCounter>("k", new SharedStateWatchOptions { AfterVersion = 0, Mode = SharedStateWatchMode.Live }, token);
        Assert.Equal((4L, 4L, 3), (live.Version, live.State.Count, live.SkippedChanges));
    }

    [Fact]
    public async Task A_watch_filtered_by_member_wakes_only_on_that_member()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        var writer = (await deployment.ConnectAsync()).SharedStates;
        var watcher = (await deployment.ConnectAsync()).SharedStates;
        var token = TestContext.Current.CancellationToken;

        var noted = watcher.WaitForChangeAsync<BrokerCounter>("k", new SharedStateWatchOptions { AfterVersion = 0, Members = ["Note"], Timeout = TimeSpan.FromSeconds(30) }, token);
        await writer.UpdateAsync("k", BrokerCounter.Operations.Add(1), token);
        await writer.UpdateAsync("k", BrokerCounter.Operations.Add(1), token);
        await writer.UpdateAsync("k", BrokerCounter.Operations.Write("hello"), token);

        var change = await noted;
        Assert.Equal((3L, "hello"), (change.Version, change.State.Note));
        Assert.Equal(["Note"], change.ChangedMembers);
    }

    [Fact]
    public async Task A_watch_skips_its_own_writes_unless_asked_times_out_typed_and_honours_cancellation()
    {
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync(slots: 1);
        var client = await deployment.ConnectAsync();
        var mine = client.CreateSharedStateClient("me");
        var other = client.CreateSharedStateClient("other");
        var token = TestContext.Current.CancellationToken;

        await mine.UpdateAsync("k", BrokerCounter.Operations.Add(1), token);
        await other.UpdateAsync("k", BrokerCounter.Operations.Add(10), token);
        var notMine = await mine.WaitForChangeAsync<BrokerCounter>("k", new SharedStateWatchOptions { AfterVersion = 0 }, token);
        Assert.Equal((2L, "other"), (notMine.Version, notMine.Writer));
        var includingMine = await mine.WaitForChangeAsync<BrokerCounter>("k", new SharedStateWatchOptions { AfterVersion = 0, IncludeOwnChanges = true }, token);
        Assert.Equal((1L, "me"), (includingMine.Version, includingMine.Writer));

        await mine.UpdateAsync("k", BrokerCounter.Operations.Add(1), token);
        var timedOut = await Assert.ThrowsAsync<SharedStateWatchTimeoutException>(async () =>
            await mine.WaitForChangeAsync<BrokerCounter>("k", new SharedStateWatchOptions { AfterVersion = 2, Timeout = TimeSpan.FromMilliseconds(500) }, token));
        Assert.Equal(("broker.counter", "k", 2L), (timedOut.StateName, timedOut.Key, timedOut.AfterVersion));

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await mine.WaitForChangeAsync<BrokerCounter>("k", new SharedStateWatchOptions { AfterVersion = 3 }, cancel.Token));
    }

    /// <summary>An operation no worker knows: the generated operations are the only real ones.</summary>
    private sealed class Vanish : SharedStateOperation<BrokerCounter>
    {
        public override string Name => "Vanish";

        protected override void WriteArguments(ProcessWriter writer)
        {
        }

        protected override void Apply(BrokerCounter state, ProcessWriter? result) => throw new InvalidOperationException("Never run here.");
    }
}
