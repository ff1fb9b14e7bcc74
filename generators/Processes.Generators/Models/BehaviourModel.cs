namespace Processes.Generators.Models;

/// <summary>A type's <c>[Retry]</c> attribute, with valid values only (the analyzer reports invalid ones).</summary>
internal sealed record RetryModel(int MaxAttempts, int DelayMilliseconds, string BackoffFactor, int MaxDelayMilliseconds, EquatableArray<string> RetryOn);

/// <summary>A type's valid <c>[Concurrency]</c> and <c>[SingleInstance]</c> (PRC0041 reports invalid ones, which are left out whole).</summary>
/// <param name="MaxRunning">The limit, or null for none.</param>
/// <param name="SingleInstance">True when at most one instance runs per key.</param>
/// <param name="KeyMembers">The key inputs' property names.</param>
/// <param name="Reject">True when a duplicate is refused rather than joined.</param>
internal sealed record ConcurrencyModel(int? MaxRunning, bool SingleInstance, EquatableArray<string> KeyMembers, bool Reject);

/// <summary>What a type declares about how its bodies run: retries, a time limit and concurrency.</summary>
internal sealed record BehaviourModel(RetryModel? Retry, int? TimeLimitMilliseconds, ConcurrencyModel? Concurrency = null)
{
    public bool IsEmpty => Retry is null && TimeLimitMilliseconds is null && Concurrency is null;
}
