using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Runtime;

namespace Processes;

/// <summary>Verbs every <see cref="IProcessClient"/> has, built on its members.</summary>
public static class ProcessClientExtensions
{
    /// <summary>
    /// Retries a process that ended <see cref="ProcessState.Excepted"/> from its last good
    /// checkpoint, on whatever the client reaches (in process, or a worker over a pipe), and
    /// returns its handle; see <see cref="ContinueOptions.RetryExcepted"/>. Wait for the new
    /// outcome with the handle.
    /// </summary>
    /// <exception cref="InvalidStateTransitionException">The process finished or was killed: nothing failed.</exception>
    /// <exception cref="CheckpointNotFoundException">No process has that id.</exception>
    public static ValueTask<IProcessHandle<TProcess>> RetryAsync<TProcess>(this IProcessClient client, ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        System.ArgumentNullException.ThrowIfNull(client);
        return client.ContinueAsync<TProcess>(id, new ContinueOptions { RetryExcepted = true }, cancellationToken);
    }

    /// <summary>
    /// Runs one process per item, at most <see cref="MapOptions.MaxParallelism"/> at once, and
    /// returns them with their outputs in item order, on whatever the client reaches (in process,
    /// a worker over a pipe, a pool). <see cref="MapOptions.OnFailure"/> decides what a failure
    /// does: stop at once and throw it (the default), or run every item and throw
    /// <see cref="ProcessMapException"/> with every failure and every result afterwards.
    /// </summary>
    /// <param name="client">Where the processes run.</param>
    /// <param name="items">The items, read once, in order.</param>
    /// <param name="create">Makes the process for an item.</param>
    /// <param name="options">
    /// Parallelism, failure policy and chunk size; null for the defaults. With a
    /// <see cref="MapOptions.ChunkSize"/> above 1 each call runs a chunk of that many items (in
    /// order, where the client sends it: one round trip per chunk over a pipe or the broker), and
    /// <see cref="MapOptions.MaxParallelism"/> counts chunks.
    /// </param>
    /// <param name="cancellationToken">Cancels the map: nothing more is launched and the running calls are cancelled.</param>
    public static async ValueTask<IReadOnlyList<TProcess>> MapAsync<TItem, TProcess>(
        this IProcessClient client, IEnumerable<TItem> items, Func<TItem, TProcess> create, MapOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(create);
        options ??= new MapOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelism, 1, nameof(options.MaxParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, nameof(options.ChunkSize));

        var processes = new List<TProcess>();
        foreach (var item in items)
        {
            // Made up front: a bad item fails the map before anything runs.
            processes.Add(create(item) ?? throw new ArgumentException("The create function returned null.", nameof(create)));
        }

        var results = new TProcess?[processes.Count];
        var collect = options.OnFailure == MapFailurePolicy.CollectErrors;
        var failures = collect ? new List<KeyValuePair<int, Exception>>() : null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        if (options.ChunkSize > 1)
        {
            await MapChunksAsync(client, processes, options.ChunkSize, results, failures, parallel).ConfigureAwait(false);
        }
        else
        {
            await Parallel.ForEachAsync(Indices(processes.Count), parallel, async (index, token) =>
            {
                try
                {
                    results[index] = await client.RunAsync(processes[index], token).ConfigureAwait(false);
                }
                catch (Exception exception) when (collect && exception is not OperationCanceledException)
                {
                    AddFailure(failures!, index, exception);
                }
            }).ConfigureAwait(false);
        }

        if (failures is { Count: > 0 })
        {
            failures.Sort(static (left, right) => left.Key.CompareTo(right.Key));
            throw new ProcessMapException(processes.Count, failures, results);
        }

        return results!;
    }

    /// <summary>
    /// A chunked map: one call per chunk of <paramref name="chunkSize"/> items (a runtime-provided
    /// task that runs them in order where the client sends it), outcomes regrouped per item.
    /// </summary>
    private static Task MapChunksAsync<TProcess>(
        IProcessClient client, List<TProcess> processes, int chunkSize, TProcess?[] results, List<KeyValuePair<int, Exception>>? failures, ParallelOptions parallel)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var itemName = MapChunkDescriptor<TProcess>.For(TProcess.Descriptor).Item.Name;
        var chunkCount = (processes.Count + chunkSize - 1) / chunkSize;
        return Parallel.ForEachAsync(Indices(chunkCount), parallel, async (chunkIndex, token) =>
        {
            var first = chunkIndex * chunkSize;
            var items = processes.GetRange(first, Math.Min(chunkSize, processes.Count - first)).ToArray();
            MapChunk<TProcess> chunk;
            try
            {
                chunk = await client.RunAsync(new MapChunk<TProcess>(items, collectErrors: failures is not null), token).ConfigureAwait(false);
            }
            catch (Exception exception) when (failures is not null && exception is not OperationCanceledException)
            {
                // The chunk failed as a whole (its items have no outcome of their own): each item reports it.
                for (var item = 0; item < items.Length; item++)
                {
                    AddFailure(failures, first + item, exception);
                }

                return;
            }

            for (var item = 0; item < chunk.Items.Length; item++)
            {
                if (chunk.Failures[item] is { } failure)
                {
                    AddFailure(failures ?? throw failure.ToException(itemName), first + item, failure.ToException(itemName));
                }
                else
                {
                    results[first + item] = chunk.Items[item];
                }
            }
        });
    }

    private static void AddFailure(List<KeyValuePair<int, Exception>> failures, int index, Exception exception)
    {
        lock (failures)
        {
            failures.Add(new KeyValuePair<int, Exception>(index, exception));
        }
    }

    private static IEnumerable<int> Indices(int count)
    {
        for (var index = 0; index < count; index++)
        {
            yield return index;
        }
    }
}
