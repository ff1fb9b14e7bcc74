using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>The contract on <see cref="FileSharedStateStore"/>, and its typed corruption error.</summary>
public sealed class FileSharedStateStoreTests : SharedStateStoreTests
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prt-state-contract-" + Guid.NewGuid().ToString("N"));

    protected override ValueTask<ISharedStateStore> OpenStoreAsync() => ValueTask.FromResult<ISharedStateStore>(new FileSharedStateStore(_directory));

    public override void Dispose()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_damaged_state_file_is_a_typed_checksum_error()
    {
        await new FileSharedStateStore(_directory).SaveAsync(new SharedStateRecord("s", "k", 1, new byte[] { 0, 0, 0, 0 }, "a", DateTimeOffset.UnixEpoch));
        var file = Directory.GetFiles(_directory, "*.state").Single();
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^6] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        var corrupted = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await new FileSharedStateStore(_directory).LoadAsync("s", "k"));
        Assert.Equal(CheckpointCorruptionKind.ChecksumMismatch, corrupted.Kind);
    }
}
