using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Tests.Runtime;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>
/// Ownership of shared states in a store several runtimes share (docs/concepts/shared-state.md,
/// "Ownership"): one owner at a time, leases kept in the background while the owner lives (idle
/// or not), takeover once an owner is gone, and an owner that lost a state fails its watchers.
/// </summary>
public sealed class SharedStateOwnershipTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(600);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "prt-owned-" + Guid.NewGuid().ToString("N"));

    /// <summary>A file store the test can cut off, as if its runtime had lost the disk or stalled: every call fails.</summary>
    private sealed class SeveredStore(string directory) : ISharedStateStore
    {
        private readonly FileSharedStateStore _inner = new(directory);

        private TaskCompletionSource? _held;

        public bool Severed { get; set; }

        /// <summary>Lease requests wait (a stalled owner) until <see cref="Resume"/>.</summary>
        public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Resume() => _held?.TrySetResult();

        public ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default) =>
            Severed ? throw new IOException("severed") : _inner.LoadAsync(stateName, key, cancellationToken);

        public ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default) =>
            Severed ? throw new IOException("severed") : _inner.SaveAsync(record, cancellationToken);

        public async ValueTask<SharedStateLease?> AcquireOwnershipAsync(string stateName, string key, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
        {
            if (_held is { } held)
            {
                await held.Task.WaitAsync(cancellationToken);
            }

            return Severed ? throw new IOException("severed") : await _inner.AcquireOwnershipAsync(stateName, key, owner, duration, cancellationToken);
        }

        public ValueTask ReleaseOwnershipAsync(SharedStateLease lease, CancellationToken cancellationToken = default) =>
            Severed ? throw new IOException("severed") : _inner.ReleaseOwnershipAsync(lease, cancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ProcessRuntime NewOwner(string owner, ISharedStateStore? store = null) =>
        new(new ProcessRuntimeOptions { OwnerId = owner, SharedStates = new() { Store = store ?? new FileSharedStateStore(_directory), LeaseDuration = Lease } });

    [Fact]
    public async Task Two_runtimes_on_one_file_store_never_both_own_a_state_and_other_keys_are_free()
    {
        await using var first = NewOwner("first");
        await using var second = NewOwner("second");
        await first.SharedStates.UpdateAsync<Tally>("owned", tally => tally.Count++);

        var refused = await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await second.SharedStates.UpdateAsync<Tally>("owned", tally => tally.Count += 100));
        Assert.Equal(("first", "owned"), (refused.Owner, refused.Key));
        await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await second.SharedStates.GetAsync<Tally>("owned"));
        await second.SharedStates.UpdateAsync<Tally>("other", tally => tally.Count++);
        await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await first.SharedStates.GetAsync<Tally>("other"));
    }

    [Fact]
    public async Task An_idle_owner_keeps_its_state_in_the_background_and_its_watchers_keep_seeing_changes()
    {
        await using var first = NewOwner("first");
        await using var second = NewOwner("second");
        await first.SharedStates.UpdateAsync<Tally>("idle", tally => tally.Count++);
        var watcher = first.CreateSharedStateClient("watcher");
        var waiting = watcher.WaitForChangeAsync<Tally>("idle", new() { AfterVersion = 1 }).AsTask();

        // Idle for several lease durations: nobody uses the state on the first runtime, yet it stays its owner.
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(Lease);
            await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await second.SharedStates.UpdateAsync<Tally>("idle", tally => tally.Count += 100));
        }

        Assert.False(waiting.IsCompleted);
        await first.SharedStates.UpdateAsync<Tally>("idle", tally => tally.Count++);
        var change = await waiting.Within();
        Assert.Equal((2, 2), (change.Version, change.State.Count));

        // A stopping owner gives the state back at once.
        await first.StopAsync();
        Assert.Equal(3, await second.SharedStates.UpdateAsync<Tally, int>("idle", tally => ++tally.Count));
    }

    [Fact]
    public async Task An_owner_that_loses_its_lease_drops_its_copy_and_fails_its_watchers_typed_and_the_other_takes_over()
    {
        var severed = new SeveredStore(_directory);
        await using var first = NewOwner("first", severed);
        await using var second = NewOwner("second");
        await first.SharedStates.UpdateAsync<Tally>("lost", tally => tally.Count = 5);
        var watcher = first.CreateSharedStateClient("watcher");
        var waiting = watcher.WaitForChangeAsync<Tally>("lost").AsTask();
        var live = watcher.WaitForChangeAsync<Tally>("lost", new() { Timeout = TimeSpan.FromMinutes(1) }).AsTask();

        // The first cannot reach its store: its lease cannot be renewed and lapses; its watchers are told, not left hanging.
        severed.Severed = true;
        var failed = await Assert.ThrowsAsync<SharedStateOwnedException>(() => waiting.Within());
        Assert.Equal("lost", failed.Key);
        await Assert.ThrowsAsync<SharedStateOwnedException>(() => live.Within());

        // The second takes over from the stored version...
        Assert.Equal(6, await second.SharedStates.UpdateAsync<Tally, int>("lost", tally => ++tally.Count));

        // ...and the first, back on its store, is refused from then on: its copy was dropped, never written over the new owner's.
        severed.Severed = false;
        var stale = await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await first.SharedStates.UpdateAsync<Tally>("lost", tally => tally.Count += 100));
        Assert.Equal("second", stale.Owner);
        await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await first.CreateSharedStateClient("late").WaitForChangeAsync<Tally>("lost"));
        Assert.Equal(2, (await new FileSharedStateStore(_directory).LoadAsync(TallyName, "lost"))!.Version);
    }

    [Fact]
    public async Task A_renewal_refused_after_a_takeover_fails_the_watchers_of_the_old_owner()
    {
        var severed = new SeveredStore(_directory);
        await using var first = NewOwner("first", severed);
        await first.SharedStates.UpdateAsync<Tally>("refused", tally => tally.Count = 1);
        var waiting = first.CreateSharedStateClient("watcher").WaitForChangeAsync<Tally>("refused").AsTask();

        // The first stalls in a renewal while another owner takes the lease straight from the store...
        severed.Hold();
        var other = new FileSharedStateStore(_directory);
        SharedStateLease? taken = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (taken is null)
        {
            try
            {
                taken = await other.AcquireOwnershipAsync(TallyName, "refused", "other", TimeSpan.FromMinutes(1));
            }
            catch (SharedStateOwnedException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        // ...then the stalled renewal goes through: refused, the first fails its watcher with the new owner's name.
        Assert.False(waiting.IsCompleted);
        severed.Resume();
        var failed = await Assert.ThrowsAsync<SharedStateOwnedException>(() => waiting.Within());
        Assert.Equal("other", failed.Owner);
        var refused = await Assert.ThrowsAsync<SharedStateOwnedException>(async () => await first.SharedStates.GetAsync<Tally>("refused"));
        Assert.Equal("other", refused.Owner);
    }

    private static string TallyName => NameOf<Tally>();

    private static string NameOf<TState>()
        where TState : class, ISharedState<TState> => TState.StateName;
}
