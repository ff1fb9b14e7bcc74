using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>The behaviour every <see cref="ICheckpointStore"/> promises; one derived class per store.</summary>
public abstract partial class CheckpointStoreTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = new(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));

    private ICheckpointStore? _store;

    // Parallel tests touch Store first from several threads; all must see one instance.
    protected ICheckpointStore Store => LazyInitializer.EnsureInitialized(ref _store, CreateStore);

    protected abstract ICheckpointStore CreateStore();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected static Checkpoint Sample(
        ProcessId? id = null,
        string[]? tags = null,
        byte[]? data = null,
        int minutes = 0,
        ProcessState state = ProcessState.Waiting,
        bool paused = false,
        ProcessId? parentId = null) =>
        new(
            new CheckpointInfo(id ?? ProcessId.New(), "Samples.Relax", state, paused, tags ?? Array.Empty<string>(), Epoch.AddMinutes(minutes), parentId),
            data ?? new byte[] { 1, 2, 3, 4, 5 });

    protected static void AssertSameInfo(CheckpointInfo expected, CheckpointInfo actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.ProcessName, actual.ProcessName);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Paused, actual.Paused);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.SavedAt, actual.SavedAt);
        Assert.Equal(expected.SavedAt.Offset, actual.SavedAt.Offset);
        Assert.Equal(expected.ParentId, actual.ParentId);
    }

    protected static void AssertSameCheckpoint(Checkpoint expected, Checkpoint? actual)
    {
        Assert.NotNull(actual);
        AssertSameInfo(expected.Info, actual.Info);
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }

    [Fact]
    public async Task Save_then_load_returns_the_same_checkpoint()
    {
        var checkpoint = Sample(tags: new[] { "batch-1", "nightly" }, state: ProcessState.Running, paused: true, parentId: ProcessId.New());
        await Store.SaveAsync(checkpoint, Token);
        AssertSameCheckpoint(checkpoint, await Store.LoadAsync(checkpoint.Info.Id, Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1 << 20)]
    public async Task Data_of_any_size_round_trips(int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        var checkpoint = Sample(data: data);
        await Store.SaveAsync(checkpoint, Token);
        AssertSameCheckpoint(checkpoint, await Store.LoadAsync(checkpoint.Info.Id, Token));
    }

    [Fact]
    public async Task Every_state_and_unicode_names_and_tags_round_trip()
    {
        foreach (var state in Enum.GetValues<ProcessState>())
        {
            var checkpoint = Sample(state: state, tags: new[] { "日本", "", "tag with spaces" });
            checkpoint = checkpoint with { Info = checkpoint.Info with { ProcessName = "Namespace.Prozeß<T>" } };
            await Store.SaveAsync(checkpoint, Token);
            AssertSameCheckpoint(checkpoint, await Store.LoadAsync(checkpoint.Info.Id, Token));
        }
    }

    [Fact]
    public async Task Saving_again_replaces_the_earlier_checkpoint()
    {
        var id = ProcessId.New();
        await Store.SaveAsync(Sample(id, tags: new[] { "old" }, data: new byte[] { 1 }), Token);
        var second = Sample(id, tags: new[] { "new" }, data: new byte[] { 2, 2 }, minutes: 5, state: ProcessState.Finished);
        await Store.SaveAsync(second, Token);

        AssertSameCheckpoint(second, await Store.LoadAsync(id, Token));
        var listed = Assert.Single(await Store.ListAsync(cancellationToken: Token));
        AssertSameInfo(second.Info, listed);
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForTag("old"), Token));
    }

    [Fact]
    public async Task Loading_a_missing_id_returns_null()
    {
        Assert.Null(await Store.LoadAsync(ProcessId.New(), Token));
    }

    [Fact]
    public async Task List_returns_everything_ordered_by_save_time()
    {
        var late = Sample(minutes: 30);
        var early = Sample(minutes: -30);
        var middle = Sample(minutes: 0);
        foreach (var checkpoint in new[] { late, early, middle })
        {
            await Store.SaveAsync(checkpoint, Token);
        }

        var listed = await Store.ListAsync(cancellationToken: Token);
        Assert.Equal(new[] { early.Info.Id, middle.Info.Id, late.Info.Id }, listed.Select(info => info.Id));
        AssertSameInfo(middle.Info, listed[1]);
    }

    [Fact]
    public async Task List_by_tag_returns_only_checkpoints_with_that_exact_tag()
    {
        var a = Sample(tags: new[] { "red", "blue" });
        var b = Sample(tags: new[] { "blue" });
        var c = Sample(tags: new[] { "Red", "reddish" });
        var d = Sample();
        foreach (var checkpoint in new[] { a, b, c, d })
        {
            await Store.SaveAsync(checkpoint, Token);
        }

        Assert.Equal(new[] { a.Info.Id }, (await Store.ListAsync(CheckpointQuery.ForTag("red"), Token)).Select(info => info.Id));
        Assert.Equal(new[] { a.Info.Id, b.Info.Id }.OrderBy(id => id.Value), (await Store.ListAsync(CheckpointQuery.ForTag("blue"), Token)).Select(info => info.Id));
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForTag("green"), Token));
        Assert.Equal(4, (await Store.ListAsync(cancellationToken: Token)).Count);
    }

    [Fact]
    public async Task Delete_removes_one_checkpoint_and_reports_whether_it_existed()
    {
        var kept = Sample();
        var deleted = Sample();
        await Store.SaveAsync(kept, Token);
        await Store.SaveAsync(deleted, Token);

        Assert.True(await Store.DeleteAsync(deleted.Info.Id, Token));
        Assert.False(await Store.DeleteAsync(deleted.Info.Id, Token));
        Assert.False(await Store.DeleteAsync(ProcessId.New(), Token));
        Assert.Null(await Store.LoadAsync(deleted.Info.Id, Token));
        AssertSameCheckpoint(kept, await Store.LoadAsync(kept.Info.Id, Token));
    }

    [Fact]
    public async Task Delete_by_tag_removes_exactly_the_tagged_checkpoints()
    {
        var tagged = new[] { Sample(tags: new[] { "experiment-7" }), Sample(tags: new[] { "x", "experiment-7" }) };
        var untagged = new[] { Sample(tags: new[] { "experiment-70" }), Sample() };
        foreach (var checkpoint in tagged.Concat(untagged))
        {
            await Store.SaveAsync(checkpoint, Token);
        }

        Assert.Equal(2, await Store.DeleteByTagAsync("experiment-7", Token));
        Assert.Equal(0, await Store.DeleteByTagAsync("experiment-7", Token));
        Assert.Equal(
            untagged.Select(checkpoint => checkpoint.Info.Id).OrderBy(id => id.Value),
            (await Store.ListAsync(cancellationToken: Token)).Select(info => info.Id).OrderBy(id => id.Value));
    }

    [Fact]
    public async Task The_store_keeps_its_own_copy_of_data_and_tags()
    {
        var data = new byte[] { 10, 20, 30 };
        var tags = new List<string> { "a" };
        var checkpoint = Sample(data: data) with { };
        checkpoint = checkpoint with { Info = checkpoint.Info with { Tags = tags } };
        await Store.SaveAsync(checkpoint, Token);

        // The caller reuses its buffer and list after the save.
        data[0] = 99;
        tags[0] = "changed";

        var loaded = await Store.LoadAsync(checkpoint.Info.Id, Token);
        Assert.NotNull(loaded);
        Assert.Equal(new byte[] { 10, 20, 30 }, loaded.Data.ToArray());
        Assert.Equal(new[] { "a" }, loaded.Info.Tags);
    }

    [Fact]
    public async Task Invalid_checkpoints_are_rejected_before_anything_is_stored()
    {
        var nullTag = Sample(tags: new[] { "ok", null! });
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.SaveAsync(nullTag, Token));
        var unknownState = Sample(state: (ProcessState)77);
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.SaveAsync(unknownState, Token));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.SaveAsync(null!, Token));
        Assert.Empty(await Store.ListAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task A_cancelled_save_stores_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var checkpoint = Sample();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.SaveAsync(checkpoint, cancelled.Token));
        Assert.Null(await Store.LoadAsync(checkpoint.Info.Id, Token));
    }

    [Fact]
    public async Task Parallel_saves_of_many_ids_all_land()
    {
        var checkpoints = Enumerable.Range(0, 200)
            .Select(index => Sample(tags: new[] { index % 2 == 0 ? "even" : "odd" }, data: BitConverter.GetBytes(index), minutes: index))
            .ToArray();
        await Parallel.ForEachAsync(checkpoints, Token, async (checkpoint, token) => await Store.SaveAsync(checkpoint, token));

        Assert.Equal(200, (await Store.ListAsync(cancellationToken: Token)).Count);
        Assert.Equal(100, (await Store.ListAsync(CheckpointQuery.ForTag("even"), Token)).Count);
        foreach (var checkpoint in checkpoints)
        {
            AssertSameCheckpoint(checkpoint, await Store.LoadAsync(checkpoint.Info.Id, Token));
        }
    }

    [Fact]
    public async Task Concurrent_saves_of_one_id_end_with_one_complete_version()
    {
        var id = ProcessId.New();
        var versions = Enumerable.Range(1, 40)
            .Select(version => Sample(id, tags: new[] { $"v{version}" }, data: Enumerable.Repeat((byte)version, 4096 + version).ToArray()))
            .ToArray();
        await Parallel.ForEachAsync(versions, Token, async (checkpoint, token) => await Store.SaveAsync(checkpoint, token));

        var loaded = await Store.LoadAsync(id, Token);
        Assert.NotNull(loaded);
        var version = int.Parse(Assert.Single(loaded.Info.Tags).AsSpan(1), provider: null);
        AssertSameCheckpoint(versions[version - 1], loaded);
        Assert.Single(await Store.ListAsync(cancellationToken: Token));
    }
}
