using System;
using System.Collections.Generic;
using System.Linq;
using Processes.Rules;

namespace Processes;

/// <summary>
/// When and how often a failed task body or process step runs again (zproc's <c>retry_for</c>,
/// <c>max_retries</c>, <c>retry_delay</c>; pynenc's retries). Declared on a type with
/// <c>[Retry]</c> (<c>RetryAttribute</c>) or given per launch with <c>LaunchOptions.Retry</c>. The
/// attempt number and the time the next attempt is due are checkpointed: a process stopped or
/// crashed during a back-off continues the same wait, and neither loses nor repeats an attempt.
/// </summary>
public sealed record RetryPolicy
{
    private readonly int _maxAttempts = 3;
    private readonly TimeSpan _delay = TimeSpan.FromSeconds(1);
    private readonly double _backoffFactor = 2;
    private readonly TimeSpan? _maxDelay;
    private readonly IReadOnlyList<Type>? _retryOn;
    private string[]? _retryOnNames;

    /// <summary>How many times the body runs at most, the first attempt included (at least 1; 3 by default).</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        init => _maxAttempts = RetryRules.CheckMaxAttempts(value) is { } error ? throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, error) : value;
    }

    /// <summary>The wait before the second attempt (1 s by default; zero retries at once).</summary>
    public TimeSpan Delay
    {
        get => _delay;
        init => _delay = RetryRules.CheckDelay(nameof(Delay), value.TotalMilliseconds) is { } error ? throw new ArgumentOutOfRangeException(nameof(Delay), value, error) : value;
    }

    /// <summary>Each later wait is the previous one times this factor (1 to 100; 2 by default, 1 for a fixed delay).</summary>
    public double BackoffFactor
    {
        get => _backoffFactor;
        init => _backoffFactor = RetryRules.CheckBackoffFactor(value) is { } error ? throw new ArgumentOutOfRangeException(nameof(BackoffFactor), value, error) : value;
    }

    /// <summary>The longest wait between attempts, however many there were (null: no cap).</summary>
    public TimeSpan? MaxDelay
    {
        get => _maxDelay;
        init => _maxDelay = value is { } max && RetryRules.CheckDelay(nameof(MaxDelay), max.TotalMilliseconds) is { } error
            ? throw new ArgumentOutOfRangeException(nameof(MaxDelay), value, error)
            : value;
    }

    /// <summary>
    /// The exception types that are retried, with their subclasses (null or empty: every
    /// exception). A kill, a detach, a lost lease or a failed checkpoint save is never retried.
    /// </summary>
    public IReadOnlyList<Type>? RetryOn
    {
        get => _retryOn;
        init
        {
            if (value?.FirstOrDefault(type => !typeof(Exception).IsAssignableFrom(type)) is { } notException)
            {
                throw new ArgumentException($"RetryOn may list exception types only; {notException.FullName} is not one.", nameof(RetryOn));
            }

            _retryOn = value;
            _retryOnNames = value?.Select(type => type.FullName ?? type.Name).ToArray();
        }
    }

    /// <summary>The full names of <see cref="RetryOn"/>: what a checkpoint stores and what is matched.</summary>
    internal IReadOnlyList<string> RetryOnNames => _retryOnNames ?? (IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>A policy restored from a checkpoint, where the exception types are known by name only.</summary>
    internal static RetryPolicy Restore(int maxAttempts, TimeSpan delay, double backoffFactor, TimeSpan? maxDelay, string[] retryOnNames) =>
        new() { MaxAttempts = maxAttempts, Delay = delay, BackoffFactor = backoffFactor, MaxDelay = maxDelay, _retryOnNames = retryOnNames };

    /// <summary>True when <paramref name="exception"/> is of a type (or a subclass of a type) in <see cref="RetryOn"/>.</summary>
    internal bool Matches(Exception exception)
    {
        if (_retryOnNames is not { Length: > 0 } names)
        {
            return true;
        }

        // By name along the base-type chain: the types of a restored policy are known by name only.
        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (Array.IndexOf(names, type.FullName) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 or more).</summary>
    internal TimeSpan BackoffBefore(int nextAttempt) =>
        TimeSpan.FromMilliseconds(RetryRules.BackoffMilliseconds(Delay.TotalMilliseconds, BackoffFactor, MaxDelay?.TotalMilliseconds ?? 0, nextAttempt));
}
