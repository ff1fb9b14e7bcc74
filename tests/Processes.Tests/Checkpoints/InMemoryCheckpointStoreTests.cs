using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

public sealed class InMemoryCheckpointStoreTests : CheckpointStoreTests
{
    protected override ICheckpointStore CreateStore() => new InMemoryCheckpointStore();

    // The store keeps its copies in pooled buffers and gives a buffer back when its checkpoint is
    // replaced or deleted; a checkpoint handed out by a load must never see its bytes reused.
    [Fact]
    public async Task A_loaded_checkpoint_keeps_its_bytes_after_being_replaced_and_deleted()
    {
        var id = ProcessId.New();
        var first = Sample(id: id, data: Enumerable.Repeat((byte)0x11, 300).ToArray());
        await Store.SaveAsync(first, Token);
        var loaded = await Store.LoadAsync(id, Token);

        // Same size as the first, so a pool handing its buffer back out would fill it with these.
        for (var round = 0; round < 50; round++)
        {
            await Store.SaveAsync(Sample(id: id, data: Enumerable.Repeat((byte)round, 300).ToArray()), Token);
            await Store.SaveAsync(Sample(data: Enumerable.Repeat((byte)0xEE, 300).ToArray()), Token);
        }

        await Store.DeleteAsync(id, Token);
        AssertSameCheckpoint(first, loaded);
    }

    [Fact]
    public async Task Checkpoints_saved_after_others_were_replaced_hold_their_own_bytes()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => ProcessId.New()).ToArray();
        for (var round = 0; round < 10; round++)
        {
            foreach (var (id, index) in ids.Select((id, index) => (id, index)))
            {
                await Store.SaveAsync(Sample(id: id, data: Enumerable.Repeat((byte)(round * 20 + index), 64 + index).ToArray()), Token);
            }

            foreach (var (id, index) in ids.Select((id, index) => (id, index)))
            {
                var loaded = await Store.LoadAsync(id, Token);
                Assert.Equal(Enumerable.Repeat((byte)(round * 20 + index), 64 + index).ToArray(), loaded!.Data.ToArray());
            }
        }
    }

    [Fact]
    public async Task Loads_racing_saves_of_one_id_always_see_one_whole_version()
    {
        var id = ProcessId.New();
        await Store.SaveAsync(Sample(id: id, data: new byte[256]), Token);
        var saver = Task.Run(async () =>
        {
            for (var version = 1; version <= 20_000; version++)
            {
                await Store.SaveAsync(Sample(id: id, data: Enumerable.Repeat((byte)version, 256).ToArray()), Token);
                if (version % 1000 == 0)
                {
                    await Store.DeleteAsync(id, Token);
                    await Store.SaveAsync(Sample(id: id, data: Enumerable.Repeat((byte)version, 256).ToArray()), Token);
                }
            }
        }, Token);

        var loads = 0;
        while (!saver.IsCompleted)
        {
            if (await Store.LoadAsync(id, Token) is not { } loaded)
            {
                continue;
            }

            // Read twice, after the saver had time to replace it: a reused buffer would change.
            var bytes = loaded.Data.ToArray();
            await Task.Yield();
            Assert.Equal(256, bytes.Length);
            Assert.All(bytes, value => Assert.Equal(bytes[0], value));
            Assert.Equal(bytes, loaded.Data.ToArray());
            loads++;
        }

        await saver;
        Assert.True(loads > 0);
    }

    // A save of an id nobody loaded overwrites the stored entry in place; one that was loaded
    // must not be touched: the loader keeps the bytes and the description it got.
    [Fact]
    public async Task A_loaded_checkpoint_is_unchanged_by_later_saves_of_its_id()
    {
        var id = ProcessId.New();
        var first = Sample(id: id, tags: ["first"], data: Enumerable.Repeat((byte)0x11, 100).ToArray(), state: ProcessState.Running);
        await Store.SaveAsync(first, Token);
        var loaded = await Store.LoadAsync(id, Token);

        var second = Sample(id: id, tags: ["second"], data: Enumerable.Repeat((byte)0x22, 100).ToArray(), minutes: 1, state: ProcessState.Waiting);
        var third = Sample(id: id, data: Enumerable.Repeat((byte)0x33, 40).ToArray(), minutes: 2, state: ProcessState.Finished);
        await Store.SaveAsync(second, Token);
        await Store.SaveAsync(third, Token);

        AssertSameCheckpoint(first, loaded);
        AssertSameCheckpoint(third, await Store.LoadAsync(id, Token));
    }

    [Fact]
    public async Task Saves_in_place_keep_each_version_whole_whatever_its_size()
    {
        var id = ProcessId.New();
        foreach (var (size, round) in new[] { 10, 5000, 3, 0, 4096, 64 }.Select((size, round) => (size, round)))
        {
            var checkpoint = Sample(id: id, tags: round % 2 == 0 ? ["even"] : [], data: Enumerable.Repeat((byte)(round + 1), size).ToArray(), minutes: round, state: round % 2 == 0 ? ProcessState.Running : ProcessState.Waiting);
            await Store.SaveAsync(checkpoint, Token);
            var listed = Assert.Single(await Store.ListAsync(CheckpointQuery.All, Token), info => info.Id == id);
            AssertSameInfo(checkpoint.Info, listed);
            if (round % 3 == 2)
            {
                // Loaded now and then: the next save must store a new entry instead.
                AssertSameCheckpoint(checkpoint, await Store.LoadAsync(id, Token));
            }
        }

        AssertSameCheckpoint(Sample(id: id, data: Enumerable.Repeat((byte)6, 64).ToArray(), minutes: 5, state: ProcessState.Waiting), await Store.LoadAsync(id, Token));
    }

    [Fact]
    public async Task An_info_listed_before_a_save_in_place_keeps_what_it_said()
    {
        var id = ProcessId.New();
        await Store.SaveAsync(Sample(id: id, tags: ["old"], state: ProcessState.Running), Token);
        var before = Assert.Single(await Store.ListAsync(CheckpointQuery.All, Token), info => info.Id == id);
        await Store.SaveAsync(Sample(id: id, minutes: 3, state: ProcessState.Waiting), Token);

        Assert.Equal(ProcessState.Running, before.State);
        Assert.Equal(new[] { "old" }, before.Tags);
        var after = Assert.Single(await Store.ListAsync(CheckpointQuery.All, Token), info => info.Id == id);
        Assert.Equal(ProcessState.Waiting, after.State);
        Assert.Empty(after.Tags);
    }

    [Fact]
    public async Task Delete_by_tag_spares_a_checkpoint_saved_again_without_the_tag()
    {
        var id = ProcessId.New();
        await Store.SaveAsync(Sample(id: id, tags: ["nightly"]), Token);
        await Store.SaveAsync(Sample(id: id, tags: ["daily"], minutes: 1), Token);

        Assert.Equal(0, await Store.DeleteByTagAsync("nightly", Token));
        Assert.NotNull(await Store.LoadAsync(id, Token));
        Assert.Equal(1, await Store.DeleteByTagAsync("daily", Token));
        Assert.Null(await Store.LoadAsync(id, Token));
    }

    [Fact]
    public async Task Saving_again_a_checkpoint_nobody_loaded_allocates_nothing()
    {
        var store = new InMemoryCheckpointStore();
        var id = ProcessId.New();
        var checkpoint = Sample(id: id, tags: ["tagged"], data: new byte[200]);
        await store.SaveAsync(checkpoint, Token);
        await store.SaveAsync(checkpoint, Token);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            _ = store.SaveAsync(checkpoint, Token);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_000, $"1,000 saves of one id allocated {allocated} B.");
    }
}
