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
}
