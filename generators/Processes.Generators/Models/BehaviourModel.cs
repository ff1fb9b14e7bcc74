namespace Processes.Generators.Models;

/// <summary>A type's <c>[Retry]</c> attribute, with valid values only (the analyzer reports invalid ones).</summary>
internal sealed record RetryModel(int MaxAttempts, int DelayMilliseconds, string BackoffFactor, int MaxDelayMilliseconds, EquatableArray<string> RetryOn);

/// <summary>What a type declares about how its bodies run: retries and a time limit.</summary>
internal sealed record BehaviourModel(RetryModel? Retry, int? TimeLimitMilliseconds)
{
    public bool IsEmpty => Retry is null && TimeLimitMilliseconds is null;
}
