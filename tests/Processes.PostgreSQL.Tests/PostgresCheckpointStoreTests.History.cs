using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

public sealed partial class PostgresCheckpointStoreTests
{
    protected override async ValueTask<ICheckpointStore?> OpenWithHistoryAsync(int historyLength) =>
        await Open(new PostgresCheckpointStoreOptions { HistoryLength = historyLength });

    [Fact]
    public async Task Concurrent_saves_of_one_new_id_from_two_store_instances_each_land_in_history_once()
    {
        // Saves of one id take turns (an advisory lock on the id, then its row), even the very
        // first ones when there is no row to lock yet: every version is kept, numbered 1..N.
        var options = new PostgresCheckpointStoreOptions { HistoryLength = 100 };
        var stores = new[] { await Open(options), await Open(options) };
        for (var round = 0; round < 40; round++)
        {
            var id = ProcessId.New();
            var versions = Enumerable.Range(0, 4).Select(version => Sample(id, tags: new[] { $"v{version}" })).ToArray();
            using var start = new Barrier(versions.Length);
            await Task.WhenAll(versions.Select((version, index) => Task.Run(async () =>
            {
                start.SignalAndWait(Token);
                await stores[index % 2].SaveAsync(version, Token);
            })));

            var history = await stores[0].ListHistoryAsync(id, Token);
            Assert.Equal(Enumerable.Range(1, versions.Length).Reverse().Select(sequence => (long)sequence), history.Select(info => info.Sequence));
            Assert.Equal(versions.Length, history.Select(info => info.Tags[0]).Distinct().Count());
        }
    }

    [Fact]
    public async Task A_shorter_history_length_trims_every_older_version_at_the_next_save()
    {
        // A save deletes the versions that fall out of history as one range whose lower end is the
        // id's oldest kept version: 30 saves leave 20 deleted rows below it, and a store opened
        // with a shorter history then trims seven kept versions in one save.
        var id = ProcessId.New();
        var longer = await Open(new PostgresCheckpointStoreOptions { HistoryLength = 10 });
        for (var version = 0; version < 30; version++)
        {
            await longer.SaveAsync(Sample(id), Token);
        }

        Assert.Equal(Enumerable.Range(21, 10).Reverse().Select(sequence => (long)sequence), (await longer.ListHistoryAsync(id, Token)).Select(info => info.Sequence));
        var shorter = await Open(new PostgresCheckpointStoreOptions { HistoryLength = 3 });
        await shorter.SaveAsync(Sample(id), Token);
        Assert.Equal(new long[] { 31, 30, 29 }, (await shorter.ListHistoryAsync(id, Token)).Select(info => info.Sequence));
    }
}
