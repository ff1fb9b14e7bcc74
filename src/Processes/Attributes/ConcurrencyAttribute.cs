using System;

namespace Processes;

/// <summary>
/// Limits how many instances of the type run at once in a <c>Pool.ProcessPool</c>; more wait in
/// the queue (in priority order) while others of other types go ahead. A limit below 1 is
/// reported at compile time (PRC0041).
/// <code>
/// [Task, Concurrency(2)]   // at most two uploads at once
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ConcurrencyAttribute : Attribute
{
    /// <summary>At most <paramref name="maxRunning"/> instances run at once.</summary>
    public ConcurrencyAttribute(int maxRunning) => MaxRunning = maxRunning;

    /// <summary>How many instances may run at once.</summary>
    public int MaxRunning { get; }
}
