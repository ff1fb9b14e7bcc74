using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Sqlite.Tests;

public sealed partial class SqliteCheckpointStoreTests
{
    [Fact]
    public async Task Two_store_instances_on_one_file_racing_for_a_lease_grant_exactly_one()
    {
        var first = await Open();
        var second = await Open();
        for (var round = 0; round < 5; round++)
        {
            var id = ProcessId.New();
            var attempts = Enumerable.Range(0, 12).Select(async attempt =>
            {
                await Task.Yield();
                var store = attempt % 2 == 0 ? first : second;
                try
                {
                    return await store.AcquireLeaseAsync(id, "runtime-" + attempt, TimeSpan.FromMinutes(5), cancellationToken: Token);
                }
                catch (ProcessOwnedException)
                {
                    return null;
                }
            }).ToArray();

            var winner = Assert.Single(await Task.WhenAll(attempts), lease => lease is not null);
            Assert.Equal(winner, await first.GetLeaseAsync(id, Token));
            Assert.Equal(winner, await second.GetLeaseAsync(id, Token));
        }
    }

    [Fact]
    public async Task A_fenced_save_rejected_after_a_takeover_leaves_the_new_owners_row_and_history_intact()
    {
        var clock = new ManualTimeProvider(ClockStart);
        var options = new SqliteCheckpointStoreOptions { TimeProvider = clock };
        var zombieSide = await Open(options);
        var newSide = await Open(options);
        var id = ProcessId.New();

        var old = await zombieSide.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromSeconds(10), cancellationToken: Token);
        await zombieSide.SaveAsync(Sample(id, data: new byte[] { 1 }) with { FencingToken = old.FencingToken }, Token);
        clock.Advance(TimeSpan.FromSeconds(11));
        var taken = await newSide.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromSeconds(10), cancellationToken: Token);
        var newer = Sample(id, tags: new[] { "b" }, data: new byte[] { 2, 2 }, minutes: 1) with { FencingToken = taken.FencingToken };
        await newSide.SaveAsync(newer, Token);
        var historyBefore = await newSide.ListHistoryAsync(id, Token);

        var refused = await Assert.ThrowsAsync<LeaseLostException>(async () =>
            await zombieSide.SaveAsync(Sample(id, tags: new[] { "zombie" }, data: new byte[] { 6 }, minutes: 2) with { FencingToken = old.FencingToken }, Token));
        Assert.Equal("runtime-b", refused.CurrentOwner);

        var loaded = await zombieSide.LoadAsync(id, Token);
        AssertSameCheckpoint(newer, loaded);
        Assert.Equal(2, loaded!.Info.Sequence);
        Assert.Equal(historyBefore, await zombieSide.ListHistoryAsync(id, Token), new InfoComparer());
        Assert.Empty(await zombieSide.ListAsync(CheckpointQuery.ForTag("zombie"), Token));
        Assert.Equal(taken, await zombieSide.GetLeaseAsync(id, Token));
    }

    [Fact]
    public async Task Tokens_keep_growing_across_delete_and_reopen()
    {
        var id = ProcessId.New();
        var first = await SqliteStore.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        Assert.False(await SqliteStore.DeleteAsync(id, Token));
        Assert.Null(await SqliteStore.GetLeaseAsync(id, Token));
        var second = await SqliteStore.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        Assert.True(second.FencingToken > first.FencingToken);

        SqliteStore.Dispose();
        var reopened = await Open();
        Assert.Equal(second, await reopened.GetLeaseAsync(id, Token));
        await reopened.ReleaseLeaseAsync(second, Token);
        var third = await reopened.AcquireLeaseAsync(id, "runtime-c", TimeSpan.FromMinutes(5), cancellationToken: Token);
        Assert.True(third.FencingToken > second.FencingToken);
    }

    [Fact]
    public async Task Lease_expiry_follows_the_stores_clock()
    {
        var clock = new ManualTimeProvider(ClockStart);
        var store = await Open(new SqliteCheckpointStoreOptions { TimeProvider = clock });
        var id = ProcessId.New();
        var lease = await store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(1), cancellationToken: Token);
        Assert.Equal(ClockStart + TimeSpan.FromMinutes(1), lease.ExpiresAt);

        clock.Advance(TimeSpan.FromSeconds(59));
        await Assert.ThrowsAsync<ProcessOwnedException>(async () => await store.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromMinutes(1), cancellationToken: Token));
        clock.Advance(TimeSpan.FromSeconds(2));
        var taken = await store.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromMinutes(1), cancellationToken: Token);
        Assert.Equal("runtime-b", taken.Owner);
        Assert.True(taken.FencingToken > lease.FencingToken);
    }

    private sealed class InfoComparer : System.Collections.Generic.IEqualityComparer<CheckpointInfo>
    {
        public bool Equals(CheckpointInfo? x, CheckpointInfo? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Sequence == y.Sequence && x.SavedAt == y.SavedAt && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(CheckpointInfo obj) => HashCode.Combine(obj.Id, obj.Sequence);
    }
}
