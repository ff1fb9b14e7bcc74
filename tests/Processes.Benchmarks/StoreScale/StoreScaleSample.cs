using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Processes.Benchmarks.Subjects;
using Processes.Checkpoints;

namespace Processes.Benchmarks.StoreScale;

/// <summary>
/// Real checkpoints of store-scale's process, taken once from a run on an in-memory store: the
/// paused parent's (its ~1 KB state and three child records) and one child's. The fill copies them
/// under new ids, and the fenced save writes the parent's.
/// </summary>
internal sealed record StoreScaleSample(Checkpoint Parent, Checkpoint Child)
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(30);

    public static async Task<StoreScaleSample> CreateAsync()
    {
        var store = new InMemoryCheckpointStore();
        var parentId = await CreatePausedParentAsync(store);
        var parent = await store.LoadAsync(parentId) ?? throw new InvalidOperationException("store-scale: the sample parent has no checkpoint.");
        var children = await store.ListAsync(CheckpointQuery.ForParent(parentId));
        var child = await store.LoadAsync(children[0].Id) ?? throw new InvalidOperationException("store-scale: the sample child has no checkpoint.");
        return new StoreScaleSample(parent, child);
    }

    /// <summary>
    /// Launches a <see cref="StoreScaleParent"/> in a runtime on <paramref name="store"/>, waits
    /// until it waits on its three children and has stored that, pauses it (which stores a paused
    /// checkpoint) and stops the runtime (which releases the leases). Returns the parent's id.
    /// </summary>
    public static async Task<ProcessId> CreatePausedParentAsync(ICheckpointStore store)
    {
        var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        ProcessId parentId;
        try
        {
            var handle = await runtime.LaunchAsync(new StoreScaleParent());
            parentId = handle.Id;
            var clock = Stopwatch.StartNew();
            while (handle.State != ProcessState.Waiting || (await store.LoadAsync(parentId))?.Info.State != ProcessState.Waiting)
            {
                if (clock.Elapsed > SetupTimeout)
                {
                    throw new TimeoutException($"store-scale: the parent did not reach Waiting (it is {handle.State}).");
                }

                await Task.Delay(1);
            }

            await handle.PauseAsync("store-scale");
        }
        finally
        {
            await runtime.StopAsync();
        }

        var stored = await store.LoadAsync(parentId);
        var children = await store.ListAsync(CheckpointQuery.ForParent(parentId));
        if (stored is not { Info: { Paused: true, State: ProcessState.Waiting } } || children.Count != 3)
        {
            throw new InvalidOperationException(
                $"store-scale: expected a paused, waiting parent with 3 children; the store has {stored?.Info.State} (paused: {stored?.Info.Paused}) with {children.Count}.");
        }

        if (children.Any(child => child.State.IsTerminal()))
        {
            throw new InvalidOperationException("store-scale: a child of the parent has already terminated.");
        }

        return parentId;
    }
}
