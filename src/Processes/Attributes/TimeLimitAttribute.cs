using System;

namespace Processes;

/// <summary>
/// Limits how long a <c>[Task]</c> body, or each step of a <c>[Process]</c>, may run: past the
/// limit its <see cref="ProcessContext.CancellationToken"/> is cancelled and, once it stops, it
/// fails with <see cref="ProcessTimeoutException"/> (which a <see cref="RetryAttribute"/> may
/// retry). <see cref="LaunchOptions.TimeLimit"/> overrides it per launch. The limit covers the
/// body only, not the wait for children or for a retry.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TimeLimitAttribute : Attribute
{
    /// <summary>Limits each body run to <paramref name="milliseconds"/>.</summary>
    public TimeLimitAttribute(int milliseconds) => Milliseconds = milliseconds;

    /// <summary>The limit, in milliseconds.</summary>
    public int Milliseconds { get; }
}
