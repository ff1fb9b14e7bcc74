using System;

namespace Processes;

/// <summary>
/// Retries a failed <c>[Task]</c> body, or a failed step of a <c>[Process]</c>, as a
/// <see cref="RetryPolicy"/> with these values says. The generator turns the attribute into the
/// type's default policy (no reflection at run time); <see cref="LaunchOptions.Retry"/> overrides
/// it per launch. Invalid values are reported at compile time (PRC0040).
/// <code>
/// [Task, Retry(5, DelayMilliseconds = 200, BackoffFactor = 2, RetryOn = new[] { typeof(HttpRequestException) })]
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary>Retries up to <paramref name="maxAttempts"/> attempts in all (the first included).</summary>
    public RetryAttribute(int maxAttempts) => MaxAttempts = maxAttempts;

    /// <summary>How many times the body runs at most, the first attempt included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The wait before the second attempt, in milliseconds (1000 by default).</summary>
    public int DelayMilliseconds { get; set; } = 1000;

    /// <summary>Each later wait is the previous one times this factor (2 by default; 1 for a fixed delay).</summary>
    public double BackoffFactor { get; set; } = 2;

    /// <summary>The longest wait between attempts, in milliseconds (0, the default: no cap).</summary>
    public int MaxDelayMilliseconds { get; set; }

    /// <summary>The exception types that are retried, with their subclasses (none: every exception).</summary>
    public Type[]? RetryOn { get; set; }
}
