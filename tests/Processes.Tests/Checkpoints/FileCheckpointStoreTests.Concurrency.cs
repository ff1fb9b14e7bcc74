using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>
/// Two store instances on one directory, as two OS processes would use it: each instance has its
/// own gates and opens its own lock-file descriptors, so the only thing keeping them apart is the
/// lock files, exactly as between processes.
/// </summary>
public sealed partial class FileCheckpointStoreTests
{
    [Fact]
    public async Task Two_instances_racing_for_one_lease_grant_exactly_one()
    {
        var stores = new[] { FileStore, new FileCheckpointStore(_directory) };
        var id = ProcessId.New();
        var attempts = Enumerable.Range(0, 32).Select(async owner =>
        {
            await Task.Yield();
            try
            {
                return await stores[owner % 2].AcquireLeaseAsync(id, "runtime-" + owner, TimeSpan.FromMinutes(5), cancellationToken: Token);
            }
            catch (ProcessOwnedException)
            {
                return null;
            }
        }).ToArray();
        var granted = Assert.Single(await Task.WhenAll(attempts), lease => lease is not null);
        Assert.Equal(granted, await stores[1].GetLeaseAsync(id, Token));
    }

    [Fact]
    public async Task Instances_creating_a_lock_file_at_the_same_moment_still_exclude_each_other()
    {
        // Every round starts on a directory without lock files, so all instances race to create
        // the stripe's lock file while others may already hold it: a creator that replaced a held
        // lock file would let two instances in at once, and both would grant the lease.
        for (var round = 0; round < 40; round++)
        {
            var directory = Path.Combine(_directory, "round-" + round);
            var stores = Enumerable.Range(0, 6).Select(_ => new FileCheckpointStore(directory)).ToArray();
            var id = ProcessId.New();
            using var start = new Barrier(stores.Length);
            var attempts = stores.Select((store, index) => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(Token);
                    try
                    {
                        return store.AcquireLeaseAsync(id, "runtime-" + index, TimeSpan.FromMinutes(5), cancellationToken: Token).AsTask().GetAwaiter().GetResult();
                    }
                    catch (ProcessOwnedException)
                    {
                        return null;
                    }
                },
                Token,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToArray();

            Assert.Single(await Task.WhenAll(attempts), lease => lease is not null);
            Assert.Single(Directory.GetFiles(Path.Combine(directory, "locks")));
        }
    }

    [Fact]
    public async Task Two_instances_saving_and_leasing_one_id_never_corrupt_it_or_share_the_lease()
    {
        var stores = new[] { FileStore, new FileCheckpointStore(_directory) };
        var id = ProcessId.New();
        var holders = 0;
        var fencedSaves = 0;
        var unexpected = new ConcurrentQueue<Exception>();
        using var done = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            var seen = false;
            while (!done.IsCancellationRequested)
            {
                foreach (var store in stores)
                {
                    try
                    {
                        var loaded = await store.LoadAsync(id, Token);
                        seen |= loaded is not null;
                        if (seen && loaded is null)
                        {
                            unexpected.Enqueue(new InvalidOperationException("The checkpoint vanished while saves replaced it."));
                        }
                    }
                    catch (Exception exception)
                    {
                        unexpected.Enqueue(exception);
                    }
                }
            }
        }, Token);

        var workers = Enumerable.Range(0, 24).Select(worker => Task.Run(async () =>
        {
            var store = stores[worker % 2];
            ProcessLease? stale = null;
            for (var round = 0; round < 4; round++)
            {
                var data = Enumerable.Repeat((byte)worker, 2048 + worker).ToArray();
                try
                {
                    var lease = await store.AcquireLeaseAsync(id, "runtime-" + worker, TimeSpan.FromMinutes(5), cancellationToken: Token);
                    if (Interlocked.Increment(ref holders) != 1)
                    {
                        unexpected.Enqueue(new InvalidOperationException("Two owners held the lease at once."));
                    }

                    await store.SaveAsync(Sample(id, data: data, minutes: round) with { FencingToken = lease.FencingToken }, Token);
                    Interlocked.Increment(ref fencedSaves);
                    Interlocked.Decrement(ref holders);
                    await store.ReleaseLeaseAsync(lease, Token);
                    stale = lease;
                }
                catch (ProcessOwnedException)
                {
                    // Someone else holds it: save without a fence, as a tool would.
                    await store.SaveAsync(Sample(id, data: data, minutes: round), Token);
                }
                catch (Exception exception)
                {
                    unexpected.Enqueue(exception);
                }

                if (stale is not null)
                {
                    // The zombie: a released lease's token must be refused, never written.
                    try
                    {
                        await store.SaveAsync(Sample(id, data: new byte[] { 0xff }) with { FencingToken = stale.FencingToken }, Token);
                        unexpected.Enqueue(new InvalidOperationException("A save with a released token was accepted."));
                    }
                    catch (LeaseLostException)
                    {
                    }
                    catch (Exception exception)
                    {
                        unexpected.Enqueue(exception);
                    }
                }
            }
        }, Token)).ToArray();

        await Task.WhenAll(workers);
        await done.CancelAsync();
        await reader;

        Assert.Empty(unexpected);
        Assert.True(fencedSaves > 0);
        var first = await stores[0].LoadAsync(id, Token);
        var second = await stores[1].LoadAsync(id, Token);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(first.Data.ToArray(), second.Data.ToArray());
        Assert.NotEqual(new byte[] { 0xff }, first.Data.ToArray());
        Assert.Null(await stores[0].GetLeaseAsync(id, Token));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "leases"), "*.tmp"));
    }

    [Fact]
    public async Task A_lock_held_elsewhere_past_the_timeout_fails_with_a_clear_io_error()
    {
        var impatient = new FileCheckpointStore(_directory, new FileCheckpointStoreOptions { LockTimeout = TimeSpan.FromMilliseconds(200) });
        var id = ProcessId.New();
        await impatient.SaveAsync(Sample(id), Token);

        // Hold every stripe's lock file the way another OS process would.
        var lockFiles = Directory.GetFiles(Path.Combine(_directory, "locks"))
            .Concat(Enumerable.Range(0, 64).Select(stripe => Path.Combine(_directory, "locks", stripe.ToString("x2", null) + ".lock")))
            .Distinct()
            .Select(path => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            .ToArray();
        try
        {
            var error = await Assert.ThrowsAsync<IOException>(() => impatient.SaveAsync(Sample(id), Token).AsTask());
            Assert.Contains("Timed out", error.Message, StringComparison.Ordinal);
            Assert.Contains(".lock", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var lockFile in lockFiles)
            {
                await lockFile.DisposeAsync();
            }
        }

        await impatient.SaveAsync(Sample(id), Token);
    }
}
