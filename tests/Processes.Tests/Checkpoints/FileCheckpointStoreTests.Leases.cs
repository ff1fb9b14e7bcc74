using System;
using System.IO;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>The file store's leases: files that survive a reopen, and expiry measured by the store's clock.</summary>
public sealed partial class FileCheckpointStoreTests
{
    [Fact]
    public async Task Lease_expiry_is_measured_with_the_configured_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new FileCheckpointStore(_directory, new FileCheckpointStoreOptions { TimeProvider = clock });
        var id = ProcessId.New();
        var first = await store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(1), cancellationToken: Token);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(1), first.ExpiresAt);

        clock.Advance(TimeSpan.FromSeconds(59));
        await Assert.ThrowsAsync<ProcessOwnedException>(() => store.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromMinutes(1), cancellationToken: Token).AsTask());
        clock.Advance(TimeSpan.FromSeconds(2));
        var taken = await store.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromMinutes(1), cancellationToken: Token);
        Assert.True(taken.FencingToken > first.FencingToken);
        await Assert.ThrowsAsync<LeaseLostException>(() => store.RenewLeaseAsync(first, TimeSpan.FromMinutes(1), Token).AsTask());
    }

    [Fact]
    public async Task Leases_live_in_files_that_a_reopened_store_reads()
    {
        var id = ProcessId.New();
        var lease = await Store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        var reopened = new FileCheckpointStore(_directory);
        Assert.Equal(lease, await reopened.GetLeaseAsync(id, Token));
        await reopened.SaveAsync(Sample(id) with { FencingToken = lease.FencingToken }, Token);
        await Assert.ThrowsAsync<ProcessOwnedException>(() => reopened.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromMinutes(5), cancellationToken: Token).AsTask());

        // A released lease keeps its token on disk, so the next grant is still greater.
        await reopened.ReleaseLeaseAsync(lease, Token);
        Assert.Null(await Store.GetLeaseAsync(id, Token));
        Assert.True(File.Exists(Path.Combine(_directory, "leases", id + ".lease")));
        Assert.True((await Store.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromMinutes(5), cancellationToken: Token)).FencingToken > lease.FencingToken);
    }

    [Fact]
    public async Task Tokens_still_grow_after_the_process_and_its_lease_file_are_deleted()
    {
        var id = ProcessId.New();
        var first = await Store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        await Store.SaveAsync(Sample(id) with { FencingToken = first.FencingToken }, Token);
        Assert.True(await Store.DeleteAsync(id, Token));
        Assert.False(File.Exists(Path.Combine(_directory, "leases", id + ".lease")));
        var second = await Store.AcquireLeaseAsync(id, "runtime-b", TimeSpan.FromMinutes(5), cancellationToken: Token);
        Assert.True(second.FencingToken > first.FencingToken);
    }

    [Fact]
    public async Task A_damaged_lease_file_is_a_clear_error()
    {
        var id = ProcessId.New();
        await Store.AcquireLeaseAsync(id, "runtime-a", TimeSpan.FromMinutes(5), cancellationToken: Token);
        var path = Path.Combine(_directory, "leases", id + ".lease");
        await File.WriteAllTextAsync(path, "garbage", Token);
        var error = await Assert.ThrowsAsync<IOException>(() => Store.GetLeaseAsync(id, Token).AsTask());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
