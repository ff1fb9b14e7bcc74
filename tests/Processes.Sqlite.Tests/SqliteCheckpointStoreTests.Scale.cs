using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Sqlite.Tests;

public sealed partial class SqliteCheckpointStoreTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(10_000)]
    public async Task Saving_and_selective_listing_stay_fast_with_many_stored_checkpoints(int stored)
    {
        // Filler: children of many parents, each with its own tag; filled in one transaction.
        var filler = Enumerable.Range(0, stored)
            .Select(index => Sample(tags: new[] { $"batch-{index / 10}" }, data: new byte[256], minutes: index % 1000, parentId: new ProcessId(new Guid(index, 0, 0, new byte[8]))))
            .ToArray();
        await SqliteStore.SaveManyAsync(filler, Token);

        var parent = ProcessId.New();
        var family = Enumerable.Range(0, 3).Select(index => Sample(tags: new[] { "needle" }, parentId: parent, minutes: index)).ToArray();
        foreach (var checkpoint in family)
        {
            await SqliteStore.SaveAsync(checkpoint, Token);
        }

        // Warm up the pool and the page cache, then take the best of a few runs (the machine is shared).
        await SqliteStore.ListAsync(CheckpointQuery.ForParent(parent), Token);
        var byParent = await BestOf(() => SqliteStore.ListAsync(CheckpointQuery.ForParent(parent), Token).AsTask(), 3);
        var byTag = await BestOf(() => SqliteStore.ListAsync(CheckpointQuery.ForTag("needle"), Token).AsTask(), 3);
        var byName = await BestOf(() => SqliteStore.ListAsync(new CheckpointQuery { ProcessName = "Samples.Relax", Limit = 5 }, Token).AsTask(), 3);
        var save = await BestOf(async () => { await SqliteStore.SaveAsync(family[0], Token); return Array.Empty<CheckpointInfo>(); }, 3);
        var load = await BestOf(async () => { await SqliteStore.LoadAsync(filler[stored / 2].Info.Id, Token); return Array.Empty<CheckpointInfo>(); }, 3);

        Assert.Equal(family.Select(c => c.Info.Id), byParent.Result.Select(info => info.Id));
        Assert.Equal(family.Select(c => c.Info.Id).OrderBy(id => id.Value), byTag.Result.Select(info => info.Id).OrderBy(id => id.Value));
        Assert.Equal(5, byName.Result.Count);
        Assert.True(byParent.Elapsed < TimeSpan.FromMilliseconds(50), $"list by parent took {byParent.Elapsed.TotalMilliseconds} ms at {stored} stored");
        Assert.True(byTag.Elapsed < TimeSpan.FromMilliseconds(50), $"list by tag took {byTag.Elapsed.TotalMilliseconds} ms at {stored} stored");
        Assert.True(byName.Elapsed < TimeSpan.FromMilliseconds(50), $"list by name with a limit took {byName.Elapsed.TotalMilliseconds} ms at {stored} stored");
        Assert.True(load.Elapsed < TimeSpan.FromMilliseconds(50), $"load took {load.Elapsed.TotalMilliseconds} ms at {stored} stored");

        // A save waits for the disk (synchronous=FULL), so its bound is looser; it must not grow with the store.
        Assert.True(save.Elapsed < TimeSpan.FromMilliseconds(250), $"save took {save.Elapsed.TotalMilliseconds} ms at {stored} stored");
    }

    private static async Task<(System.Collections.Generic.IReadOnlyList<CheckpointInfo> Result, TimeSpan Elapsed)> BestOf(Func<Task<System.Collections.Generic.IReadOnlyList<CheckpointInfo>>> run, int times)
    {
        var best = TimeSpan.MaxValue;
        System.Collections.Generic.IReadOnlyList<CheckpointInfo> result = Array.Empty<CheckpointInfo>();
        for (var attempt = 0; attempt < times; attempt++)
        {
            var watch = Stopwatch.StartNew();
            result = await run();
            watch.Stop();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        return (result, best);
    }
}
