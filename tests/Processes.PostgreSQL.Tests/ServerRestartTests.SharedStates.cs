using System;
using System.Buffers.Binary;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

/// <summary>The server stops and starts again under a <see cref="PostgresSharedStateStore"/> whose states are being updated.</summary>
public sealed partial class ServerRestartTests
{
    private static readonly PostgresSharedStateStoreOptions SharedStateOptions = new() { TransientRetries = 1, TransientRetryDelay = TimeSpan.FromMilliseconds(50) };

    // Longer than any save may take, even one that rides out a restart: a save that takes longer hangs.
    private static readonly TimeSpan SaveLimit = TimeSpan.FromSeconds(30);

    /// <remarks>
    /// Each phase waits for a count, never for a time: the updaters have acknowledged some
    /// increments; the server is stopped; each updater has seen two saves begun after the stop fail;
    /// the server is started; each updater has acknowledged more. The counts prove the rest: a save
    /// begun while the server is down cannot succeed, and an updater tries a failed increment again
    /// with the same record (which the store recognises when the failed attempt was stored after
    /// all), so the final value is exactly the number of acknowledged increments.
    /// </remarks>
    [Fact]
    public async Task Shared_state_updates_fail_with_the_store_error_while_the_server_is_down_and_afterwards_go_on_without_losing_an_acknowledged_one()
    {
        await using var store = await PostgresSharedStateStore.OpenAsync(_server.ConnectionString(), SharedStateOptions with { Schema = "restart_" + Guid.NewGuid().ToString("N") }, Token);
        var updaters = Enumerable.Range(0, 3).Select(index => new CounterUpdater(store, "counter-" + index)).ToArray();
        foreach (var updater in updaters)
        {
            await updater.AcquireAsync(Token);
        }

        using var stop = new CancellationTokenSource();
        var running = updaters.Select(updater => Task.Run(() => updater.RunAsync(stop.Token), Token)).ToArray();
        var serverStopped = false;
        try
        {
            await UntilAsync(() => updaters.All(updater => updater.Acknowledged >= 10), running);

            serverStopped = true;
            await _server.StopAsync();
            foreach (var updater in updaters)
            {
                updater.ServerDown = true;
            }

            await UntilAsync(() => updaters.All(updater => updater.FailedWhileDown >= 2), running);
            var acknowledgedWhileDown = updaters.Select(updater => updater.Acknowledged).ToArray();
            await UntilAsync(() => updaters.All(updater => updater.FailedWhileDown >= 4), running);
            Assert.Equal(acknowledgedWhileDown, updaters.Select(updater => updater.Acknowledged));

            await _server.StartAsync();
            serverStopped = false;
            foreach (var updater in updaters)
            {
                updater.ServerDown = false;
            }

            await UntilAsync(() => updaters.Select((updater, index) => updater.Acknowledged >= acknowledgedWhileDown[index] + 10).All(done => done), running);
        }
        finally
        {
            if (serverStopped)
            {
                // A failure during the outage: the class's other tests need the server running.
                await _server.StartAsync();
            }

            // Each updater stops after an acknowledged save, so none ends with an increment of unknown outcome.
            await stop.CancelAsync();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(60), Token);
        }

        foreach (var updater in updaters)
        {
            var stored = await store.LoadAsync(CounterUpdater.StateName, updater.Key, Token);
            Assert.NotNull(stored);
            Assert.Equal((long)updater.Acknowledged, stored.Version);
            Assert.Equal(updater.Acknowledged, BinaryPrimitives.ReadInt64LittleEndian(stored.Data.Span));
            Assert.True(updater.Failures > 0);
        }
    }

    // Polls the condition; fails at once when an updater failed (its exception), and after a minute
    // (so a store that hangs fails the test instead of stalling it).
    private static async Task UntilAsync(Func<bool> condition, Task[] running)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (running.FirstOrDefault(task => task.IsCompleted) is { } ended)
            {
                await ended;
                Assert.Fail("An updater stopped before it was told to.");
            }

            Assert.True(DateTime.UtcNow < deadline, "The updaters made no progress for a minute.");
            await Task.Delay(20, Token);
        }
    }

    /// <summary>
    /// One owner incrementing a counter state by fenced saves, one after the other, as a runtime's
    /// owner engine does. A save that fails must fail with <see cref="PostgresSharedStateStoreException"/>
    /// (any other exception, or a save that takes longer than <see cref="SaveLimit"/>, ends the
    /// updater and fails the test); it is then tried again with the same record.
    /// </summary>
    private sealed class CounterUpdater(PostgresSharedStateStore store, string key)
    {
        public const string StateName = "Restart.Counter";

        private SharedStateLease? _lease;
        private volatile int _acknowledged;
        private volatile int _failedWhileDown;
        private volatile int _failures;

        public string Key { get; } = key;

        /// <summary>Increments whose save returned.</summary>
        public int Acknowledged => _acknowledged;

        /// <summary>Failed saves begun after the server was known to be down.</summary>
        public int FailedWhileDown => _failedWhileDown;

        /// <summary>Every failed save.</summary>
        public int Failures => _failures;

        /// <summary>Set once the server's stop has returned, cleared before it is started again.</summary>
        public volatile bool ServerDown;

        public async Task AcquireAsync(CancellationToken cancellationToken) =>
            _lease = await store.AcquireOwnershipAsync(StateName, Key, "owner-" + Key, TimeSpan.FromMinutes(10), cancellationToken)
                ?? throw new InvalidOperationException("The new state's lease was refused.");

        public async Task RunAsync(CancellationToken stop)
        {
            var record = Next(1);
            while (true)
            {
                var down = ServerDown;
                try
                {
                    // Never cancelled half way: the stop is honoured between saves only.
                    await store.SaveAsync(record, CancellationToken.None).AsTask().WaitAsync(SaveLimit, CancellationToken.None);
                }
                catch (PostgresSharedStateStoreException error)
                {
                    Assert.True(error.IsTransient, error.ToString());
                    Assert.Equal((StateName, Key), (error.StateName, error.Key));
                    _failures++;
                    if (down)
                    {
                        _failedWhileDown++;
                    }

                    await Task.Delay(20, CancellationToken.None);
                    continue;
                }

                _acknowledged++;
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                record = Next(record.Version + 1);
            }
        }

        private SharedStateRecord Next(long count)
        {
            var data = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(data, count);
            return new SharedStateRecord(StateName, Key, count, data, "owner-" + Key, DateTimeOffset.UtcNow) { FencingToken = _lease!.FencingToken };
        }
    }
}
