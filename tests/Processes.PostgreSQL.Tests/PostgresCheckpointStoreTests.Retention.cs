using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.PostgreSQL.Tests;

public sealed partial class PostgresCheckpointStoreTests
{
    [Fact]
    public async Task Purge_deletes_old_terminated_processes_with_their_history_tags_and_leases()
    {
        var clock = new ManualTimeProvider(ClockStart);
        var store = await Open(new PostgresCheckpointStoreOptions { TimeProvider = clock });
        Checkpoint At(ProcessState state, int daysAgo, string tag) =>
            Sample(tags: new[] { tag }, state: state) with
            {
                Info = Sample().Info with { Id = ProcessId.New(), State = state, Tags = new[] { tag }, SavedAt = ClockStart.AddDays(-daysAgo) },
            };

        var oldFinished = At(ProcessState.Finished, 10, "old");
        var oldExcepted = At(ProcessState.Excepted, 10, "old");
        var oldKilled = At(ProcessState.Killed, 10, "old");
        var oldWaiting = At(ProcessState.Waiting, 10, "kept");
        var recentFinished = At(ProcessState.Finished, 1, "kept");
        foreach (var checkpoint in new[] { oldFinished, oldExcepted, oldKilled, oldWaiting, recentFinished })
        {
            await store.SaveAsync(checkpoint, Token);
            await store.SaveAsync(checkpoint, Token);
        }

        await store.AcquireLeaseAsync(oldFinished.Info.Id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);

        Assert.Equal(3, await store.PurgeAsync(TimeSpan.FromDays(7), Token));
        Assert.Equal(
            new[] { oldWaiting.Info.Id, recentFinished.Info.Id }.OrderBy(id => id.Value),
            (await store.ListAsync(cancellationToken: Token)).Select(info => info.Id).OrderBy(id => id.Value));
        Assert.Empty(await store.ListAsync(CheckpointQuery.ForTag("old"), Token));
        Assert.Empty(await store.ListHistoryAsync(oldFinished.Info.Id, Token));
        Assert.Null(await store.GetLeaseAsync(oldFinished.Info.Id, Token));
        Assert.Equal(2, (await store.ListHistoryAsync(oldWaiting.Info.Id, Token)).Count);
        Assert.Equal(0, await store.PurgeAsync(TimeSpan.FromDays(7), Token));
        Assert.Equal(1, await store.PurgeAsync(TimeSpan.Zero, Token));
    }

    [Fact]
    public async Task Finished_retention_purges_on_open_and_then_on_the_first_save_after_each_interval()
    {
        var clock = new ManualTimeProvider(ClockStart);
        var plain = await Open(new PostgresCheckpointStoreOptions { TimeProvider = clock });
        var old = Sample(state: ProcessState.Finished) with { };
        old = old with { Info = old.Info with { SavedAt = ClockStart.AddDays(-2) } };
        await plain.SaveAsync(old, Token);

        var options = new PostgresCheckpointStoreOptions { TimeProvider = clock, FinishedRetention = TimeSpan.FromDays(1), RetentionCheckInterval = TimeSpan.FromMinutes(5) };
        var retaining = await Open(options);
        Assert.Null(await retaining.LoadAsync(old.Info.Id, Token));

        // Saved after the open's purge: it waits for the next interval.
        var later = old with { Info = old.Info with { Id = ProcessId.New() } };
        await retaining.SaveAsync(later, Token);
        Assert.NotNull(await retaining.LoadAsync(later.Info.Id, Token));

        clock.Advance(TimeSpan.FromMinutes(6));
        var running = Sample(state: ProcessState.Running);
        await retaining.SaveAsync(running, Token);
        Assert.Null(await retaining.LoadAsync(later.Info.Id, Token));
        Assert.NotNull(await retaining.LoadAsync(running.Info.Id, Token));
    }
}
