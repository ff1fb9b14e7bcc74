using System;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>
/// The contract of a durable <see cref="ISharedStateStore"/> that several runtimes may share
/// (docs/concepts/shared-state.md, "Stores" and "Ownership"), run against every such store: the
/// file store here, the SQLite store in Processes.Sqlite.Tests (which compiles this file too).
/// </summary>
public abstract class SharedStateStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(2));

    /// <summary>A store over the test's storage; a second call opens another instance over the same storage (another runtime or OS process).</summary>
    protected abstract ValueTask<ISharedStateStore> OpenStoreAsync();

    /// <summary>Deletes the test's storage.</summary>
    public abstract void Dispose();

    [Fact]
    public async Task A_saved_record_reads_back_from_another_instance_with_its_writer_and_time()
    {
        var store = await OpenStoreAsync();
        Assert.Null(await store.LoadAsync("contract.state", "k"));
        await store.SaveAsync(new SharedStateRecord("contract.state", "k", 1, new byte[] { 1, 2, 3 }, "writer-a", At));

        var other = await OpenStoreAsync();
        var loaded = await other.LoadAsync("contract.state", "k");
        Assert.Equal((1L, "writer-a", At, At.Offset), (loaded!.Version, loaded.Writer, loaded.UpdatedAt, loaded.UpdatedAt.Offset));
        Assert.Equal(new byte[] { 1, 2, 3 }, loaded.Data.ToArray());
        Assert.Null(await other.LoadAsync("contract.state", "other key"));
        Assert.Null(await other.LoadAsync("contract.other", "k"));
    }

    [Fact]
    public async Task Saves_are_fenced_by_version_and_a_refused_save_writes_nothing()
    {
        var store = await OpenStoreAsync();
        await store.SaveAsync(new SharedStateRecord("contract.state", "k", 1, new byte[] { 1 }, "w", At));

        var again = await Assert.ThrowsAsync<SharedStateConflictException>(async () => await store.SaveAsync(new SharedStateRecord("contract.state", "k", 1, new byte[] { 9 }, "w", At)));
        Assert.Equal(("contract.state", "k"), (again.StateName, again.Key));
        await Assert.ThrowsAsync<SharedStateConflictException>(async () => await store.SaveAsync(new SharedStateRecord("contract.state", "k", 3, new byte[] { 9 }, "w", At)));
        await Assert.ThrowsAsync<SharedStateConflictException>(async () => await store.SaveAsync(new SharedStateRecord("contract.state", "new", 2, new byte[] { 9 }, "w", At)));

        await store.SaveAsync(new SharedStateRecord("contract.state", "k", 2, new byte[] { 2 }, "w", At));
        var loaded = await (await OpenStoreAsync()).LoadAsync("contract.state", "k");
        Assert.Equal((2L, (byte)2), (loaded!.Version, loaded.Data.Span[0]));
        Assert.Null(await store.LoadAsync("contract.state", "new"));
    }

    [Fact]
    public async Task One_owner_at_a_time_a_taken_over_lease_fences_saves_and_a_released_one_is_free_at_once()
    {
        var one = await OpenStoreAsync();
        var two = await OpenStoreAsync();
        var first = await one.AcquireOwnershipAsync("contract.state", "k", "one", TimeSpan.FromMilliseconds(300));
        Assert.Equal(first!.FencingToken, (await one.AcquireOwnershipAsync("contract.state", "k", "one", TimeSpan.FromMilliseconds(300)))!.FencingToken);
        var refused = await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await two.AcquireOwnershipAsync("contract.state", "k", "two", TimeSpan.FromMinutes(1)));
        Assert.Equal(("one", "k"), (refused.Owner, refused.Key));
        Assert.NotNull(await two.AcquireOwnershipAsync("contract.state", "other key", "two", TimeSpan.FromMinutes(1)));
        await one.SaveAsync(new SharedStateRecord("contract.state", "k", 1, new byte[] { 1 }, "one", At) { FencingToken = first.FencingToken });

        // Lapsed: the second takes over with a greater token, and the first's saves are refused.
        await Task.Delay(500);
        var taken = await two.AcquireOwnershipAsync("contract.state", "k", "two", TimeSpan.FromMinutes(1));
        Assert.True(taken!.FencingToken > first.FencingToken);
        var stale = await Assert.ThrowsAsync<SharedStateOwnedException>(async () =>
            await one.SaveAsync(new SharedStateRecord("contract.state", "k", 2, new byte[] { 9 }, "one", At) { FencingToken = first.FencingToken }));
        Assert.Equal("two", stale.Owner);
        await two.SaveAsync(new SharedStateRecord("contract.state", "k", 2, new byte[] { 2 }, "two", At) { FencingToken = taken.FencingToken });

        // Given back: free at once.
        await two.ReleaseOwnershipAsync(taken);
        Assert.NotNull(await one.AcquireOwnershipAsync("contract.state", "k", "one", TimeSpan.FromMinutes(1)));
        Assert.Equal((byte)2, (await one.LoadAsync("contract.state", "k"))!.Data.Span[0]);
    }
}
