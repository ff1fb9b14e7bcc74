using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

/// <summary>Leases and fencing across store instances: each instance has its own connection pool, as two machines would.</summary>
public sealed partial class PostgresCheckpointStoreTests
{
    [Fact]
    public async Task Two_store_instances_racing_for_a_lease_grant_exactly_one_and_the_other_gets_ProcessOwnedException()
    {
        var first = await Open();
        var second = await Open();
        for (var round = 0; round < 5; round++)
        {
            var id = ProcessId.New();
            var refused = 0;
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
                    Interlocked.Increment(ref refused);
                    return null;
                }
            }).ToArray();

            var winner = Assert.Single(await Task.WhenAll(attempts), lease => lease is not null);
            Assert.Equal(11, refused);
            Assert.Equal(winner, await first.GetLeaseAsync(id, Token));
            Assert.Equal(winner, await second.GetLeaseAsync(id, Token));
        }
    }

    [Fact]
    public async Task Two_owners_racing_to_take_over_an_expired_lease_and_save_leave_only_the_winners_checkpoint()
    {
        var clock = new ManualTimeProvider(ClockStart);
        var options = new PostgresCheckpointStoreOptions { TimeProvider = clock };
        var left = await Open(options);
        var right = await Open(options);
        for (var round = 0; round < 5; round++)
        {
            var id = ProcessId.New();
            var crashed = await left.AcquireLeaseAsync(id, "crashed", TimeSpan.FromSeconds(10), cancellationToken: Token);
            await left.SaveAsync(Sample(id, data: new byte[] { 0 }) with { FencingToken = crashed.FencingToken }, Token);
            clock.Advance(TimeSpan.FromSeconds(11));

            // Each contender takes the lease over if it can, then saves with the token it got.
            async Task<string> Contend(PostgresCheckpointStore store, string owner, byte mark)
            {
                await Task.Yield();
                try
                {
                    var lease = await store.AcquireLeaseAsync(id, owner, TimeSpan.FromMinutes(5), cancellationToken: Token);
                    await store.SaveAsync(Sample(id, tags: new[] { owner }, data: new[] { mark }) with { FencingToken = lease.FencingToken }, Token);
                    return "saved";
                }
                catch (ProcessOwnedException)
                {
                    return "owned";
                }
            }

            var outcomes = await Task.WhenAll(Contend(left, "left", 1), Contend(right, "right", 2));
            Assert.Equal(new[] { "owned", "saved" }, outcomes.OrderBy(outcome => outcome, StringComparer.Ordinal));
            var winner = outcomes[0] == "saved" ? "left" : "right";
            var loaded = await right.LoadAsync(id, Token);
            Assert.Equal(new[] { winner }, loaded!.Info.Tags);
            Assert.Equal(winner, (await left.GetLeaseAsync(id, Token))!.Owner);

            // The crashed owner comes back: the database refuses it, whichever instance it uses.
            var zombie = await Assert.ThrowsAsync<LeaseLostException>(async () =>
                await right.SaveAsync(Sample(id, tags: new[] { "zombie" }) with { FencingToken = crashed.FencingToken }, Token));
            Assert.Equal(winner, zombie.CurrentOwner);
            Assert.Equal(new[] { winner }, (await left.LoadAsync(id, Token))!.Info.Tags);
        }
    }

    [Fact]
    public async Task A_zombie_is_refused_by_the_database_itself_when_another_machine_took_the_lease_behind_this_stores_back()
    {
        // The store holds no lease state of its own: the takeover below is a raw UPDATE from another
        // connection (another machine's store), and the zombie's next save is still refused.
        var store = await Open();
        var id = ProcessId.New();
        var lease = await store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        var good = Sample(id, tags: new[] { "a" }, data: new byte[] { 1 }) with { FencingToken = lease.FencingToken };
        await store.SaveAsync(good, Token);

        await SqlAsync($"UPDATE \"{_schema}\".leases SET owner = 'machine-b', token = token + 1 WHERE id = '{id.Value}'");

        var refused = await Assert.ThrowsAsync<LeaseLostException>(async () =>
            await store.SaveAsync(Sample(id, tags: new[] { "zombie" }, data: new byte[] { 6 }) with { FencingToken = lease.FencingToken }, Token));
        Assert.Equal("machine-b", refused.CurrentOwner);
        Assert.Equal(lease.FencingToken, refused.FencingToken);
        AssertSameCheckpoint(good, await store.LoadAsync(id, Token));
        Assert.Equal(1L, await SqlAsync($"SELECT sequence FROM \"{_schema}\".checkpoints WHERE id = '{id.Value}'"));
        Assert.Equal(0L, await SqlAsync($"SELECT count(*) FROM \"{_schema}\".history WHERE id = '{id.Value}'"));
        await Assert.ThrowsAsync<LeaseLostException>(async () => await store.RenewLeaseAsync(lease, TimeSpan.FromMinutes(5), Token));
    }

    [Fact]
    public async Task A_zombie_saving_in_a_loop_during_a_takeover_never_lands_after_the_new_owners_first_save()
    {
        var clock = new ManualTimeProvider(ClockStart);
        var options = new PostgresCheckpointStoreOptions { TimeProvider = clock, HistoryLength = 1000 };
        var zombieSide = await Open(options);
        var newSide = await Open(options);
        var id = ProcessId.New();
        var old = await zombieSide.AcquireLeaseAsync(id, "zombie", TimeSpan.FromSeconds(10), cancellationToken: Token);
        clock.Advance(TimeSpan.FromSeconds(11));

        var zombieSaves = 0;
        var zombie = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    await zombieSide.SaveAsync(Sample(id, tags: new[] { "zombie" }) with { FencingToken = old.FencingToken }, Token);
                    zombieSaves++;
                }
                catch (LeaseLostException)
                {
                    return;
                }
            }
        });

        await Task.Delay(50, Token);
        var taken = await newSide.AcquireLeaseAsync(id, "new", TimeSpan.FromMinutes(5), cancellationToken: Token);
        await newSide.SaveAsync(Sample(id, tags: new[] { "new" }) with { FencingToken = taken.FencingToken }, Token);
        await zombie.WaitAsync(TimeSpan.FromSeconds(30), Token);

        // Every zombie save committed before the takeover: the history is zombie…zombie, new.
        var history = await newSide.ListHistoryAsync(id, Token);
        Assert.Equal(zombieSaves + 1, history.Count);
        Assert.Equal(new[] { "new" }, history[0].Tags);
        Assert.All(history.Skip(1), info => Assert.Equal(new[] { "zombie" }, info.Tags));
    }

    [Fact]
    public async Task A_batch_outside_a_transaction_runs_in_one_transaction_as_the_save_relies_on()
    {
        // A save is one NpgsqlBatch (lock the row, then the fenced write) without BEGIN/COMMIT; the
        // row lock must last until the write commits, so both statements must share a transaction.
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync(Token);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand("SELECT txid_current()"), new NpgsqlBatchCommand("SELECT txid_current()") },
        };
        await using var reader = await batch.ExecuteReaderAsync(Token);
        await reader.ReadAsync(Token);
        var first = reader.GetInt64(0);
        await reader.NextResultAsync(Token);
        await reader.ReadAsync(Token);
        Assert.Equal(first, reader.GetInt64(0));
    }
}
