using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

public sealed partial class PostgresCheckpointStoreTests
{
    [Fact]
    public async Task History_keeps_the_last_N_checkpoints_newest_first_and_loads_each_of_them()
    {
        var store = await Open(new PostgresCheckpointStoreOptions { HistoryLength = 3 });
        var id = ProcessId.New();
        var versions = Enumerable.Range(1, 5).Select(version => Sample(id, tags: new[] { $"v{version}" }, data: new[] { (byte)version }, minutes: version)).ToArray();
        foreach (var version in versions)
        {
            await store.SaveAsync(version, Token);
        }

        var history = await store.ListHistoryAsync(id, Token);
        Assert.Equal(new long[] { 5, 4, 3 }, history.Select(info => info.Sequence));
        for (var sequence = 3; sequence <= 5; sequence++)
        {
            var loaded = await store.LoadHistoryAsync(id, sequence, Token);
            AssertSameCheckpoint(versions[sequence - 1], loaded);
            Assert.Equal(sequence, loaded!.Info.Sequence);
            AssertSameInfo(versions[sequence - 1].Info, history[5 - sequence]);
        }

        Assert.Null(await store.LoadHistoryAsync(id, 2, Token));
        Assert.Null(await store.LoadHistoryAsync(id, 6, Token));
        Assert.Equal(5, (await store.LoadAsync(id, Token))!.Info.Sequence);
        Assert.Equal(5, Assert.Single(await store.ListAsync(cancellationToken: Token)).Sequence);

        // Only the latest checkpoint's tags are listed.
        Assert.Empty(await store.ListAsync(CheckpointQuery.ForTag("v4"), Token));
        Assert.Single(await store.ListAsync(CheckpointQuery.ForTag("v5"), Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_history_length_of_zero_or_one_keeps_the_latest_only(int length)
    {
        var store = await Open(new PostgresCheckpointStoreOptions { HistoryLength = length });
        var id = ProcessId.New();
        await store.SaveAsync(Sample(id, data: new byte[] { 1 }), Token);
        var latest = Sample(id, data: new byte[] { 2 });
        await store.SaveAsync(latest, Token);

        Assert.Equal(new long[] { 2 }, (await store.ListHistoryAsync(id, Token)).Select(info => info.Sequence));
        Assert.Null(await store.LoadHistoryAsync(id, 1, Token));
        AssertSameCheckpoint(latest, await store.LoadHistoryAsync(id, 2, Token));
    }

    [Fact]
    public async Task Deleting_a_process_drops_its_history_and_a_new_save_starts_again()
    {
        var id = ProcessId.New();
        await PostgresStore.SaveAsync(Sample(id), Token);
        await PostgresStore.SaveAsync(Sample(id), Token);
        Assert.Equal(2, (await PostgresStore.ListHistoryAsync(id, Token)).Count);

        Assert.True(await PostgresStore.DeleteAsync(id, Token));
        Assert.Empty(await PostgresStore.ListHistoryAsync(id, Token));
        Assert.Null(await PostgresStore.LoadHistoryAsync(id, 1, Token));

        await PostgresStore.SaveAsync(Sample(id), Token);
        Assert.Equal(1, Assert.Single(await PostgresStore.ListHistoryAsync(id, Token)).Sequence);
    }

    [Fact]
    public async Task A_missing_process_has_no_history()
    {
        Assert.Empty(await PostgresStore.ListHistoryAsync(ProcessId.New(), Token));
        Assert.Null(await PostgresStore.LoadHistoryAsync(ProcessId.New(), 1, Token));
    }

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
}
