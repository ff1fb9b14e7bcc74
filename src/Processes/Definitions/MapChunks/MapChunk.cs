using System;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>
/// The child a chunked fan-out launches for a run of consecutive items (<see cref="MapOptions.ChunkSize"/>):
/// a runtime-provided task that runs its items one after another and keeps, per item, the item
/// with its outputs or why it failed. Its type is built from the item's generated descriptor, so
/// it needs no generated code of its own and no reflection.
/// </summary>
/// <typeparam name="TItem">The items' process type.</typeparam>
internal sealed class MapChunk<TItem> : IProcessDefinition<MapChunk<TItem>>
    where TItem : class
{
    public MapChunk(TItem[] items, bool collectErrors)
    {
        Items = items;
        CollectErrors = collectErrors;
        Failures = new MapChunkItemFailure?[items.Length];
    }

    /// <summary>The descriptor of this chunk type; set when the type is first built from its item's descriptor.</summary>
    public static ProcessDescriptor<MapChunk<TItem>> Descriptor => MapChunkDescriptor<TItem>.Current;

    /// <summary>The items in map order; after the run, each finished item with its outputs.</summary>
    public TItem[] Items { get; }

    /// <summary>True when a failed item is recorded and the next item runs; false when the first failure fails the chunk.</summary>
    public bool CollectErrors { get; }

    /// <summary>Per item: null when it succeeded (or has not run), else why it failed.</summary>
    public MapChunkItemFailure?[] Failures { get; }

    /// <summary>How many items have run (they run in order, so these are the first ones): only their outcomes are checkpointed.</summary>
    public int Finished { get; set; }

    /// <summary>Runs every item in order (the chunk's body).</summary>
    public async ValueTask RunAsync(ProcessDescriptor<TItem> itemDescriptor, TaskContext context)
    {
        for (var index = 0; index < Items.Length; index++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            try
            {
                Items[index] = await context.RunMapItemAsync(itemDescriptor, Items[index]).ConfigureAwait(false);
                Failures[index] = null;
                Finished = index + 1;
            }
            catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested)
            {
                var failure = MapChunkItemFailure.From(exception, context.UtcNow, context.ProcessId);
                if (!CollectErrors)
                {
                    // Fail fast: the chunk fails with the item's own error, as an unchunked map's child would.
                    ExceptionDispatchInfo.Throw(failure.Local ?? exception);
                }

                Failures[index] = failure;
                Finished = index + 1;
            }
        }
    }
}
