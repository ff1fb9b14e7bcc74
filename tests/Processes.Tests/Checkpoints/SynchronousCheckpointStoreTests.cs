using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Tests.Runtime;
using Xunit;

namespace Processes.Tests.Checkpoints;

/// <summary>
/// The runtime saves into any store that implements <see cref="ISynchronousCheckpointStore"/>
/// synchronously, fenced by the lease, and not only into the in-memory store; other stores get
/// <see cref="ICheckpointStore.SaveAsync"/>.
/// </summary>
public sealed class SynchronousCheckpointStoreTests
{
    [Fact]
    public async Task A_store_that_saves_synchronously_gets_every_checkpoint_of_a_run_through_its_synchronous_save_with_the_lease_token()
    {
        var store = new SynchronousForwardingStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });

        var run = await runtime.RunAsync(new ThreeCheapSteps { Seed = 4 });

        Assert.Equal(4 + 2 + 1, run.Total);
        // The launch checkpoint and the one after each step but the last (the end follows at once and the run's checkpoint is deleted).
        Assert.Equal(3, store.SynchronousSaves.Count);
        Assert.Equal(0, store.AsynchronousSaves);
        Assert.All(store.SynchronousSaves, save => Assert.NotNull(save.FencingToken));
        Assert.Equal([ProcessState.Created, ProcessState.Running, ProcessState.Running], store.SynchronousSaves.ConvertAll(save => save.State));
    }

    [Fact]
    public async Task A_lease_lost_in_a_synchronous_save_detaches_the_process_and_keeps_its_last_checkpoint()
    {
        var store = new SynchronousForwardingStore { LoseLeaseAtSave = 2 };
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });

        await Assert.ThrowsAsync<ProcessDetachedException>(async () => await runtime.RunAsync(new ThreeCheapSteps { Seed = 4 }));

        var stored = Assert.Single(await store.ListAsync());
        Assert.Equal(ProcessState.Created, stored.State);
    }

    [Fact]
    public async Task A_store_without_a_synchronous_save_gets_every_checkpoint_through_SaveAsync()
    {
        var store = new CountingAsynchronousStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });

        await runtime.RunAsync(new ThreeCheapSteps { Seed = 4 });

        Assert.Equal(3, store.Saves);
    }

    private sealed class SynchronousForwardingStore : ForwardingStore, ISynchronousCheckpointStore
    {
        private int _asynchronousSaves;

        public List<(ProcessState State, long? FencingToken)> SynchronousSaves { get; } = [];

        public int AsynchronousSaves => _asynchronousSaves;

        /// <summary>The save (1 = the first) that fails as if another runtime had taken the lease; 0: none.</summary>
        public int LoseLeaseAtSave { get; init; }

        public void Save(ProcessId id, in CheckpointFields fields, ReadOnlySpan<byte> data, long? fencingToken)
        {
            lock (SynchronousSaves)
            {
                SynchronousSaves.Add((fields.State, fencingToken));
                if (SynchronousSaves.Count == LoseLeaseAtSave)
                {
                    throw new LeaseLostException(id, fencingToken ?? 0, currentOwner: "another runtime");
                }
            }

            ((ISynchronousCheckpointStore)Inner).Save(id, fields, data, fencingToken);
        }

        public override ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asynchronousSaves);
            return base.SaveAsync(checkpoint, cancellationToken);
        }
    }

    private sealed class CountingAsynchronousStore : ForwardingStore
    {
        private int _saves;

        public int Saves => _saves;

        public override ValueTask SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _saves);
            return base.SaveAsync(checkpoint, cancellationToken);
        }
    }
}
