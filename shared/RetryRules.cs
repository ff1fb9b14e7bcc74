// Compiled into the runtime (src/Processes), the generator and the analyzers, so the values a
// [Retry]/[TimeLimit] attribute may have are decided in one place: what the analyzer reports is
// exactly what the generator refuses to emit and what RetryPolicy refuses at run time.
namespace Processes.Rules;

/// <summary>The valid values of a retry policy and a time limit.</summary>
internal static class RetryRules
{
    /// <summary>The largest delay or time limit, in milliseconds (24 days: what a timer can wait).</summary>
    public const long MaxMilliseconds = int.MaxValue;

    /// <summary>Why <paramref name="maxAttempts"/> is invalid, or null.</summary>
    public static string? CheckMaxAttempts(int maxAttempts) =>
        maxAttempts < 1 ? $"MaxAttempts must be at least 1 (the first attempt counts), but was {maxAttempts}" : null;

    /// <summary>Why a delay (the first back-off, or the cap on back-offs) of <paramref name="milliseconds"/> is invalid, or null.</summary>
    public static string? CheckDelay(string name, double milliseconds) =>
        milliseconds < 0 ? $"{name} must not be negative, but was {milliseconds} ms"
        : milliseconds > MaxMilliseconds ? $"{name} must be at most {MaxMilliseconds} ms, but was {milliseconds} ms"
        : null;

    /// <summary>Why <paramref name="factor"/> is an invalid back-off factor, or null.</summary>
    public static string? CheckBackoffFactor(double factor) =>
        factor is >= 1 and <= 100 ? null : $"BackoffFactor must be between 1 and 100, but was {factor}";

    /// <summary>Why a time limit of <paramref name="milliseconds"/> is invalid, or null.</summary>
    public static string? CheckTimeLimit(double milliseconds) =>
        milliseconds is >= 1 and <= MaxMilliseconds ? null : $"a time limit must be between 1 ms and {MaxMilliseconds} ms, but was {milliseconds} ms";

    /// <summary>The back-off before attempt <paramref name="nextAttempt"/> (2 or more): delay × factor^(attempt − 2), capped.</summary>
    public static double BackoffMilliseconds(double delay, double factor, double maxDelay, int nextAttempt)
    {
        var backoff = delay * System.Math.Pow(factor, System.Math.Max(0, nextAttempt - 2));
        return maxDelay > 0 ? System.Math.Min(backoff, maxDelay) : System.Math.Min(backoff, MaxMilliseconds);
    }
}
