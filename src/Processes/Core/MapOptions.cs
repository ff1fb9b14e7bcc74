namespace Processes;

/// <summary>What a map does when one of its processes fails.</summary>
public enum MapFailurePolicy
{
    /// <summary>The first failure stops the map: no more items are launched, the running ones are cancelled, and the failure is thrown.</summary>
    FailFast = 0,

    /// <summary>Every item runs; the failures are thrown together afterwards (<see cref="ProcessMapException"/>), with the results that succeeded.</summary>
    CollectErrors = 1,
}

/// <summary>How a map runs its items: a client's <c>MapAsync</c>, or a step's <c>StartChildren</c> with options.</summary>
public sealed record MapOptions
{
    /// <summary>The default for <see cref="MaxParallelism"/>.</summary>
    public const int DefaultMaxParallelism = 64;

    /// <summary>How many processes run (are in flight) at once; at least 1.</summary>
    public int MaxParallelism { get; init; } = DefaultMaxParallelism;

    /// <summary>What a failure does (default <see cref="MapFailurePolicy.FailFast"/>).</summary>
    public MapFailurePolicy OnFailure { get; init; }

    /// <summary>
    /// How many items one child process runs (default 1: a process per item). Above 1, a step's
    /// fan-out (<c>StartChildren</c>, an outline's <c>Map</c>/<c>MapAll</c>) groups the items into
    /// chunks of this size, in order, and launches one child per chunk: one id, one status and one
    /// pair of checkpoints per chunk instead of per item, which is what makes maps of many small
    /// items cheap. A chunk runs its items one after another (a task without a retry policy, time
    /// limit or concurrency limit inline, any other item as a tracked child of the chunk), so
    /// <see cref="MaxParallelism"/> counts chunks. The results still come back per item, in item
    /// order; with <see cref="MapFailurePolicy.CollectErrors"/> each failed item has its own failure.
    /// A chunk is the unit of rerun: a crash reruns the items of the chunks that had not finished
    /// (a tracked item that had finished is not run again), never a finished chunk.
    /// A client's <c>MapAsync</c> sends one call per chunk (one round trip for many items over a
    /// pipe or the broker) and reports each failed item under its own index.
    /// </summary>
    public int ChunkSize { get; init; } = 1;
}
