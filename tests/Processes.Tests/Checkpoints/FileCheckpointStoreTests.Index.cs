using System;
using System.IO;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>The file store's index of marker files: always complete, and stale markers are ignored and cleaned.</summary>
public sealed partial class FileCheckpointStoreTests
{
    private string ParentMarker(ProcessId parentId, ProcessId childId) => Path.Combine(_directory, "index", "parent", parentId.ToString(), childId.ToString());

    [Fact]
    public async Task A_crash_after_the_new_markers_are_written_leaves_hints_that_queries_ignore_and_clean()
    {
        var parentA = ProcessId.New();
        var parentB = ProcessId.New();
        var old = Sample(tags: new[] { "a" }, parentId: parentA, state: ProcessState.Waiting);
        await Store.SaveAsync(old, Token);
        var id = old.Info.Id;

        FileStore.AfterTemporaryFileWritten = _ => throw new IOException("simulated crash");
        var moved = Sample(id, tags: new[] { "b" }, parentId: parentB, state: ProcessState.Finished, minutes: 1);
        await Assert.ThrowsAsync<IOException>(async () => await Store.SaveAsync(moved, Token));
        var orphan = Sample(tags: new[] { "b" }, parentId: parentB);
        await Assert.ThrowsAsync<IOException>(async () => await Store.SaveAsync(orphan, Token));
        Assert.True(File.Exists(ParentMarker(parentB, id)));
        Assert.True(File.Exists(ParentMarker(parentB, orphan.Info.Id)));

        // The new markers name checkpoints that are not (or not yet) what they say.
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForParent(parentB), Token));
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForTag("b"), Token));
        Assert.Empty(await Store.ListAsync(new CheckpointQuery { State = ProcessState.Finished }, Token));
        Assert.False(File.Exists(ParentMarker(parentB, id)));
        Assert.False(File.Exists(ParentMarker(parentB, orphan.Info.Id)));
        AssertSameInfo(old.Info, Assert.Single(await Store.ListAsync(CheckpointQuery.ForParent(parentA), Token)));
        AssertSameInfo(old.Info, Assert.Single(await Store.ListAsync(CheckpointQuery.ForTag("a"), Token)));

        // The save that does land moves the checkpoint between index entries.
        FileStore.AfterTemporaryFileWritten = null;
        await Store.SaveAsync(moved, Token);
        Assert.False(File.Exists(ParentMarker(parentA, id)));
        AssertSameInfo(moved.Info, Assert.Single(await Store.ListAsync(CheckpointQuery.ForParent(parentB), Token)));
        AssertSameInfo(moved.Info, Assert.Single(await Store.ListAsync(new CheckpointQuery { State = ProcessState.Finished }, Token)));
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForParent(parentA), Token));
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForTag("a"), Token));
    }

    [Fact]
    public async Task A_checkpoint_removed_behind_the_stores_back_is_dropped_from_the_index_on_the_next_query()
    {
        var parent = ProcessId.New();
        var kept = Sample(parentId: parent, minutes: 1);
        var removed = Sample(parentId: parent, minutes: 2);
        await Store.SaveAsync(kept, Token);
        await Store.SaveAsync(removed, Token);
        File.Delete(FileStore.GetFilePath(removed.Info.Id));

        AssertSameInfo(kept.Info, Assert.Single(await Store.ListAsync(CheckpointQuery.ForParent(parent), Token)));
        Assert.False(File.Exists(ParentMarker(parent, removed.Info.Id)));
    }

    [Fact]
    public async Task Deleting_removes_the_markers_and_a_deleted_parents_empty_child_index()
    {
        var parent = Sample();
        var child = Sample(parentId: parent.Info.Id, tags: new[] { "x" });
        await Store.SaveAsync(parent, Token);
        await Store.SaveAsync(child, Token);

        Assert.True(await Store.DeleteAsync(child.Info.Id, Token));
        Assert.False(File.Exists(ParentMarker(parent.Info.Id, child.Info.Id)));
        Assert.True(await Store.DeleteAsync(parent.Info.Id, Token));
        Assert.False(Directory.Exists(Path.Combine(_directory, "index", "parent", parent.Info.Id.ToString())));
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForTag("x"), Token));
    }

    [Fact]
    public async Task A_damaged_checkpoint_keeps_its_markers_and_is_skipped_by_indexed_queries()
    {
        var parent = ProcessId.New();
        var healthy = Sample(parentId: parent, minutes: 1);
        var damaged = Sample(parentId: parent, minutes: 2);
        await Store.SaveAsync(healthy, Token);
        await Store.SaveAsync(damaged, Token);
        var path = FileStore.GetFilePath(damaged.Info.Id);
        var bytes = await File.ReadAllBytesAsync(path, Token);
        bytes[12] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes, Token);

        AssertSameInfo(healthy.Info, Assert.Single(await Store.ListAsync(CheckpointQuery.ForParent(parent), Token)));
        Assert.True(File.Exists(ParentMarker(parent, damaged.Info.Id)));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path, Token));
    }
}
