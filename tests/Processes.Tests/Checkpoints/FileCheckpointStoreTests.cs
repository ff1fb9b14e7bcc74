using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>The shared store behaviour plus what only files have: layout, atomicity and damage.</summary>
public sealed partial class FileCheckpointStoreTests : CheckpointStoreTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "processes-tests", Guid.NewGuid().ToString("N"));

    private FileCheckpointStore FileStore => (FileCheckpointStore)Store;

    protected override ICheckpointStore CreateStore() => new FileCheckpointStore(_directory);

    public override void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        base.Dispose();
    }

    private async Task<(Checkpoint Checkpoint, string Path, byte[] Bytes)> SaveSampleAsync(string[]? tags = null)
    {
        var checkpoint = Sample(tags: tags ?? new[] { "t" }, data: new byte[] { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3 }, parentId: ProcessId.New());
        await Store.SaveAsync(checkpoint, Token);
        var path = FileStore.GetFilePath(checkpoint.Info.Id);
        return (checkpoint, path, await File.ReadAllBytesAsync(path, Token));
    }

    private async Task<CheckpointCorruptedException> AssertLoadCorruptedAsync(ProcessId id, string path, CheckpointCorruptionKind kind)
    {
        var before = await File.ReadAllBytesAsync(path, Token);
        var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Store.LoadAsync(id, Token));
        Assert.Equal(path, error.Location);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(kind, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));

        // Loading and listing never repair, replace or remove a damaged file.
        await Store.ListAsync(cancellationToken: Token);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Token));
        return error;
    }

    [Fact]
    public async Task A_checkpoint_is_one_file_with_magic_version_and_a_checksum_trailer()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();

        Assert.Equal(Path.Combine(FileStore.DirectoryPath, checkpoint.Info.Id.ToString("N", null) + ".ckpt"), path);
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
        Assert.Equal("PCKP"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(6));
        Assert.Equal(22 + headerSize + checkpoint.Data.Length, bytes.Length);
        Assert.Equal(Crc32.Compute(bytes.AsSpan(0, 10 + headerSize)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(10 + headerSize)));
        Assert.Equal(checkpoint.Data.Length, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(14 + headerSize)));
        Assert.Equal(checkpoint.Data.ToArray(), bytes.AsSpan(18 + headerSize, checkpoint.Data.Length).ToArray());
        Assert.Equal(Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)));
    }

    [Fact]
    public async Task A_leftover_temporary_file_is_ignored_replaced_by_the_next_save_of_its_id_and_removed_by_a_scan()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();
        var id = checkpoint.Info.Id;
        var leftover = path + ".tmp";
        await File.WriteAllBytesAsync(leftover, bytes.AsSpan(0, bytes.Length / 2).ToArray(), Token);
        var otherLeftover = FileStore.GetFilePath(ProcessId.New()) + ".tmp";
        await File.WriteAllBytesAsync(otherLeftover, bytes, Token);

        AssertSameCheckpoint(checkpoint, await Store.LoadAsync(id, Token));
        Assert.Equal(id, Assert.Single(await Store.ListAsync(CheckpointQuery.ForTag("t"), Token)).Id);

        // The next save of the id writes its temporary file under the same name, without listing the directory.
        var listings = FileStore.DirectoryListings;
        var next = checkpoint with { Data = new byte[] { 7 } };
        await Store.SaveAsync(next, Token);
        Assert.Equal(listings, FileStore.DirectoryListings);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(otherLeftover));
        AssertSameCheckpoint(next, await Store.LoadAsync(id, Token));

        // A scan, which lists the directory anyway, removes the leftover of an id nobody saves again.
        var scan = await FileStore.ScanAsync(cancellationToken: Token);
        Assert.Equal(id, Assert.Single(scan.Checkpoints).Id);
        Assert.Empty(scan.Corrupted);
        Assert.False(File.Exists(otherLeftover));
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_crash_between_writing_the_temporary_file_and_renaming_it_keeps_the_old_version()
    {
        var (old, path, oldBytes) = await SaveSampleAsync();
        var id = old.Info.Id;
        var temporaryPath = path + ".tmp";
        var survivor = temporaryPath + ".crash";
        FileStore.AfterTemporaryFileWritten = written =>
        {
            Assert.Equal(temporaryPath, written);
            File.Copy(written, survivor);
            throw new IOException("simulated crash");
        };

        var newer = Sample(id, tags: new[] { "newer" }, data: new byte[] { 42 }, minutes: 9);
        await Assert.ThrowsAsync<IOException>(async () => await Store.SaveAsync(newer, Token));

        // What a killed process leaves: the complete, flushed temporary file, never renamed.
        File.Move(survivor, temporaryPath);
        Assert.Equal(oldBytes, await File.ReadAllBytesAsync(path, Token));
        AssertSameCheckpoint(old, await Store.LoadAsync(id, Token));
        AssertSameInfo(old.Info, Assert.Single(await Store.ListAsync(CheckpointQuery.ForParent(old.Info.ParentId!.Value), Token)));
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForTag("newer"), Token));
        Assert.Equal(2, Directory.GetFiles(_directory).Length);

        FileStore.AfterTemporaryFileWritten = null;
        await Store.SaveAsync(newer, Token);
        AssertSameCheckpoint(newer, await Store.LoadAsync(id, Token));
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_truncated_file_raises_a_corruption_error_naming_it_at_every_cut()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            await File.WriteAllBytesAsync(path, bytes.AsSpan(0, cut).ToArray(), Token);
            await AssertLoadCorruptedAsync(checkpoint.Info.Id, path, CheckpointCorruptionKind.Truncated);
        }
    }

    [Fact]
    public async Task Appended_bytes_are_reported_as_a_length_mismatch()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();
        await File.WriteAllBytesAsync(path, bytes.Concat(new byte[] { 0 }).ToArray(), Token);
        await AssertLoadCorruptedAsync(checkpoint.Info.Id, path, CheckpointCorruptionKind.Truncated);
    }

    [Fact]
    public async Task Any_flipped_bit_raises_a_corruption_error()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();
        for (var index = 0; index < bytes.Length; index++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[index] ^= (byte)(1 << (index % 8));
            await File.WriteAllBytesAsync(path, damaged, Token);
            var error = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await Store.LoadAsync(checkpoint.Info.Id, Token));
            Assert.Equal(path, error.Location);
            Assert.Equal(damaged, await File.ReadAllBytesAsync(path, Token));
        }
    }

    [Fact]
    public async Task A_flipped_bit_in_the_data_is_a_checksum_mismatch_that_listing_does_not_see()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();
        bytes[^6] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes, Token);

        var error = await AssertLoadCorruptedAsync(checkpoint.Info.Id, path, CheckpointCorruptionKind.ChecksumMismatch);
        Assert.Contains("checksum", error.Reason, StringComparison.Ordinal);

        // Listing reads headers only, and the header is intact.
        AssertSameInfo(checkpoint.Info, Assert.Single(await Store.ListAsync(cancellationToken: Token)));
    }

    [Fact]
    public async Task A_damaged_header_is_skipped_by_list_and_reported_by_scan()
    {
        var healthy = Sample(tags: new[] { "t" });
        await Store.SaveAsync(healthy, Token);
        var (damaged, path, bytes) = await SaveSampleAsync();
        bytes[12] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes, Token);

        AssertSameInfo(healthy.Info, Assert.Single(await Store.ListAsync(cancellationToken: Token)));
        AssertSameInfo(healthy.Info, Assert.Single(await Store.ListAsync(CheckpointQuery.ForTag("t"), Token)));
        var scan = await FileStore.ScanAsync("t", Token);
        Assert.Single(scan.Checkpoints);
        var reported = Assert.Single(scan.Corrupted);
        Assert.Equal(path, reported.Location);
        Assert.Equal(CheckpointCorruptionKind.ChecksumMismatch, reported.Kind);
        await AssertLoadCorruptedAsync(damaged.Info.Id, path, CheckpointCorruptionKind.ChecksumMismatch);
    }

    [Fact]
    public async Task Wrong_magic_is_reported_as_not_a_checkpoint()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();
        bytes[0] = (byte)'{';
        await File.WriteAllBytesAsync(path, bytes, Token);
        await AssertLoadCorruptedAsync(checkpoint.Info.Id, path, CheckpointCorruptionKind.BadMagic);

        await File.WriteAllTextAsync(path, "{}", Token);
        await AssertLoadCorruptedAsync(checkpoint.Info.Id, path, CheckpointCorruptionKind.BadMagic);
    }

    [Fact]
    public async Task An_unknown_format_version_is_reported_as_unsupported()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);
        await File.WriteAllBytesAsync(path, bytes, Token);
        var error = await AssertLoadCorruptedAsync(checkpoint.Info.Id, path, CheckpointCorruptionKind.UnsupportedVersion);
        Assert.Contains("version 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_under_another_processes_name_is_invalid_content()
    {
        var (checkpoint, _, bytes) = await SaveSampleAsync();
        var otherId = ProcessId.New();
        var otherPath = FileStore.GetFilePath(otherId);
        await File.WriteAllBytesAsync(otherPath, bytes, Token);

        await AssertLoadCorruptedAsync(otherId, otherPath, CheckpointCorruptionKind.InvalidContent);
        var scan = await FileStore.ScanAsync(cancellationToken: Token);
        Assert.Equal(checkpoint.Info.Id, Assert.Single(scan.Checkpoints).Id);
        Assert.Equal(otherPath, Assert.Single(scan.Corrupted).Location);
    }

    [Fact]
    public async Task Delete_by_tag_leaves_damaged_files_but_delete_by_id_removes_them()
    {
        var (checkpoint, path, bytes) = await SaveSampleAsync(new[] { "doomed" });
        bytes[12] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes, Token);

        Assert.Equal(0, await Store.DeleteByTagAsync("doomed", Token));
        Assert.True(File.Exists(path));
        Assert.True(await Store.DeleteAsync(checkpoint.Info.Id, Token));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Files_that_are_not_canonical_checkpoint_names_are_ignored()
    {
        var (checkpoint, _, bytes) = await SaveSampleAsync();
        await File.WriteAllTextAsync(Path.Combine(_directory, "notes.ckpt"), "not a checkpoint", Token);
        await File.WriteAllTextAsync(Path.Combine(_directory, "readme.txt"), "hello", Token);
        await File.WriteAllBytesAsync(Path.Combine(_directory, checkpoint.Info.Id.ToString("D", null) + ".ckpt"), bytes, Token);
        await File.WriteAllBytesAsync(Path.Combine(_directory, checkpoint.Info.Id + ".ckpt.bak"), bytes, Token);

        var scan = await FileStore.ScanAsync(cancellationToken: Token);
        Assert.Equal(checkpoint.Info.Id, Assert.Single(scan.Checkpoints).Id);
        Assert.Empty(scan.Corrupted);
    }

    [Fact]
    public async Task A_store_reopened_on_the_same_directory_sees_the_checkpoints()
    {
        var (checkpoint, _, _) = await SaveSampleAsync();
        var reopened = new FileCheckpointStore(_directory);
        AssertSameCheckpoint(checkpoint, await reopened.LoadAsync(checkpoint.Info.Id, Token));
        AssertSameInfo(checkpoint.Info, Assert.Single(await reopened.ListAsync(cancellationToken: Token)));
    }

    [Fact]
    public async Task The_directory_is_created_and_recreated_as_needed()
    {
        var nested = Path.Combine(_directory, "a", "b");
        var store = new FileCheckpointStore(nested);
        Assert.True(Directory.Exists(nested));
        Directory.Delete(nested);

        Assert.Empty(await store.ListAsync(cancellationToken: Token));
        Assert.Null(await store.LoadAsync(ProcessId.New(), Token));
        var checkpoint = Sample();
        await store.SaveAsync(checkpoint, Token);
        AssertSameCheckpoint(checkpoint, await store.LoadAsync(checkpoint.Info.Id, Token));
    }
}
