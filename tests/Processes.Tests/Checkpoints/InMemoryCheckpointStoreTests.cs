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
}
