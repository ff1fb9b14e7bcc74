using System;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>The lease and fencing rules of <see cref="ICheckpointStore"/>, with real (short) lease times.</summary>
public abstract partial class CheckpointStoreTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task A_free_process_is_leased_and_a_second_owner_is_refused_naming_the_first()
    {
        var id = ProcessId.New();
        var lease = await Store.AcquireLeaseAsync(id, "runtime-a", Long, cancellationToken: Token);
        Assert.Equal("runtime-a", lease.Owner);
        Assert.Equal(id, lease.Id);

        var refused = await Assert.ThrowsAsync<ProcessOwnedException>(() => Store.AcquireLeaseAsync(id, "runtime-b", Long, cancellationToken: Token).AsTask());
        Assert.Equal("runtime-a", refused.Owner);
        Assert.Equal(id, refused.ProcessId);
        Assert.Contains("runtime-a", refused.Message);
        Assert.Equal(lease, await Store.GetLeaseAsync(id, Token));
    }

    [Fact]
    public async Task The_holder_acquiring_again_keeps_its_token()
    {
        var id = ProcessId.New();
        var first = await Store.AcquireLeaseAsync(id, "runtime-a", Long, cancellationToken: Token);
        var again = await Store.AcquireLeaseAsync(id, "runtime-a", Long, cancellationToken: Token);
        Assert.Equal(first.FencingToken, again.FencingToken);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_with_a_greater_token_and_the_old_holder_is_fenced_off()
    {
        var id = ProcessId.New();
        var old = await Store.AcquireLeaseAsync(id, "runtime-a", Short, cancellationToken: Token);
        await Store.SaveAsync(Sample(id) with { FencingToken = old.FencingToken }, Token);
        await Task.Delay(Short * 3, Token);

        var taken = await Store.AcquireLeaseAsync(id, "runtime-b", Long, cancellationToken: Token);
        Assert.True(taken.FencingToken > old.FencingToken);
        var newer = Sample(id, data: new byte[] { 9, 9 }, minutes: 1) with { FencingToken = taken.FencingToken };
        await Store.SaveAsync(newer, Token);

        // The zombie wakes up: its save and its renewal are refused, and nothing it sent lands.
        var stale = await Assert.ThrowsAsync<LeaseLostException>(() => Store.SaveAsync(Sample(id, data: new byte[] { 6 }, minutes: 2) with { FencingToken = old.FencingToken }, Token).AsTask());
        Assert.Equal("runtime-b", stale.CurrentOwner);
        Assert.Equal(old.FencingToken, stale.FencingToken);
        await Assert.ThrowsAsync<LeaseLostException>(() => Store.RenewLeaseAsync(old, Long, Token).AsTask());
        AssertSameCheckpoint(newer, await Store.LoadAsync(id, Token));
    }

    [Fact]
    public async Task An_expired_lease_nobody_took_is_renewed_and_still_fences()
    {
        var id = ProcessId.New();
        var lease = await Store.AcquireLeaseAsync(id, "runtime-a", Short, cancellationToken: Token);
        await Task.Delay(Short * 2, Token);
        var renewed = await Store.RenewLeaseAsync(lease, Long, Token);
        Assert.Equal(lease.FencingToken, renewed.FencingToken);
        Assert.True(renewed.ExpiresAt > lease.ExpiresAt);
        await Store.SaveAsync(Sample(id) with { FencingToken = lease.FencingToken }, Token);
        await Assert.ThrowsAsync<ProcessOwnedException>(() => Store.AcquireLeaseAsync(id, "runtime-b", Long, cancellationToken: Token).AsTask());
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_later_tokens_are_greater()
    {
        var id = ProcessId.New();
        var first = await Store.AcquireLeaseAsync(id, "runtime-a", Long, cancellationToken: Token);
        await Store.ReleaseLeaseAsync(first, Token);
        Assert.Null(await Store.GetLeaseAsync(id, Token));
        var second = await Store.AcquireLeaseAsync(id, "runtime-b", Long, cancellationToken: Token);
        Assert.True(second.FencingToken > first.FencingToken);

        // Releasing a lease that is no longer current changes nothing.
        await Store.ReleaseLeaseAsync(first, Token);
        Assert.Equal(second, await Store.GetLeaseAsync(id, Token));
    }

    [Fact]
    public async Task A_live_lease_is_taken_over_only_from_the_exact_lease_named()
    {
        var id = ProcessId.New();
        var dead = await Store.AcquireLeaseAsync(id, "runtime-a", Long, cancellationToken: Token);
        var wrong = dead with { FencingToken = dead.FencingToken + 100 };
        await Assert.ThrowsAsync<ProcessOwnedException>(() => Store.AcquireLeaseAsync(id, "runtime-b", Long, wrong, Token).AsTask());
        var taken = await Store.AcquireLeaseAsync(id, "runtime-b", Long, dead, Token);
        Assert.Equal("runtime-b", taken.Owner);
        Assert.True(taken.FencingToken > dead.FencingToken);
    }

    [Fact]
    public async Task A_fenced_save_without_any_lease_is_refused_and_an_unfenced_save_is_accepted()
    {
        var id = ProcessId.New();
        await Assert.ThrowsAsync<LeaseLostException>(() => Store.SaveAsync(Sample(id) with { FencingToken = 42 }, Token).AsTask());
        Assert.Null(await Store.LoadAsync(id, Token));
        await Store.SaveAsync(Sample(id), Token);
        Assert.NotNull(await Store.LoadAsync(id, Token));
    }

    [Fact]
    public async Task Deleting_a_process_drops_its_lease_and_fences_its_old_holder()
    {
        var id = ProcessId.New();
        var lease = await Store.AcquireLeaseAsync(id, "runtime-a", Long, cancellationToken: Token);
        await Store.SaveAsync(Sample(id) with { FencingToken = lease.FencingToken }, Token);
        Assert.True(await Store.DeleteAsync(id, Token));
        Assert.Null(await Store.GetLeaseAsync(id, Token));
        await Assert.ThrowsAsync<LeaseLostException>(() => Store.SaveAsync(Sample(id) with { FencingToken = lease.FencingToken }, Token).AsTask());
        Assert.Null(await Store.LoadAsync(id, Token));
    }

    [Fact]
    public async Task Many_owners_racing_for_one_process_get_exactly_one_lease()
    {
        var id = ProcessId.New();
        var attempts = Enumerable.Range(0, 16).Select(async owner =>
        {
            await Task.Yield();
            try
            {
                return await Store.AcquireLeaseAsync(id, "runtime-" + owner, Long, cancellationToken: Token);
            }
            catch (ProcessOwnedException)
            {
                return null;
            }
        }).ToArray();
        var granted = (await Task.WhenAll(attempts)).Where(lease => lease is not null).ToArray();
        Assert.Single(granted);
    }

    [Fact]
    public async Task Lease_arguments_are_checked()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.AcquireLeaseAsync(ProcessId.New(), "", Long, cancellationToken: Token).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.AcquireLeaseAsync(ProcessId.New(), "runtime-a", TimeSpan.Zero, cancellationToken: Token).AsTask());
    }

    [Fact]
    public async Task Listing_filters_by_state_type_parent_and_limit()
    {
        var parent = ProcessId.New();
        var a = Sample(parentId: parent, state: ProcessState.Finished, minutes: 1);
        var b = Sample(parentId: parent, state: ProcessState.Waiting, minutes: 2);
        var c = Sample(state: ProcessState.Finished, minutes: 3) with { };
        c = c with { Info = c.Info with { ProcessName = "Samples.Other" } };
        foreach (var checkpoint in new[] { a, b, c })
        {
            await Store.SaveAsync(checkpoint, Token);
        }

        Assert.Equal(new[] { a.Info.Id, b.Info.Id }, (await Store.ListAsync(CheckpointQuery.ForParent(parent), Token)).Select(info => info.Id));
        Assert.Equal(new[] { a.Info.Id, c.Info.Id }, (await Store.ListAsync(new CheckpointQuery { State = ProcessState.Finished }, Token)).Select(info => info.Id));
        Assert.Equal(new[] { c.Info.Id }, (await Store.ListAsync(new CheckpointQuery { ProcessName = "Samples.Other" }, Token)).Select(info => info.Id));
        Assert.Equal(new[] { a.Info.Id }, (await Store.ListAsync(new CheckpointQuery { ParentId = parent, State = ProcessState.Finished }, Token)).Select(info => info.Id));
        Assert.Equal(new[] { a.Info.Id }, (await Store.ListAsync(new CheckpointQuery { Limit = 1 }, Token)).Select(info => info.Id));
        Assert.Empty(await Store.ListAsync(CheckpointQuery.ForParent(ProcessId.New()), Token));
        Assert.Equal(new[] { c.Info.Id }, (await Store.ListAsync(new CheckpointQuery { RootsOnly = true }, Token)).Select(info => info.Id));
        Assert.Empty(await Store.ListAsync(new CheckpointQuery { RootsOnly = true, State = ProcessState.Waiting }, Token));
    }
}
