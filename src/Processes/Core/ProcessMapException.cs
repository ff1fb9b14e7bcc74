using System;
using System.Collections.Generic;
using System.Linq;

namespace Processes;

/// <summary>
/// Some processes of a map that collects errors (<c>MapFailurePolicy.CollectErrors</c>) failed.
/// <see cref="Failures"/> names each by its item's index; <see cref="Results"/> holds every
/// process that succeeded, in item order (null where the item failed).
/// </summary>
public sealed class ProcessMapException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessMapException(int itemCount, IReadOnlyList<KeyValuePair<int, Exception>> failures, IReadOnlyList<object?> results)
        : base(Describe(itemCount, failures), failures.Count > 0 ? failures[0].Value : null)
    {
        ItemCount = itemCount;
        Failures = failures;
        Results = results;
    }

    /// <summary>How many items the map had.</summary>
    public int ItemCount { get; }

    /// <summary>Each failure with the index of its item, in item order.</summary>
    public IReadOnlyList<KeyValuePair<int, Exception>> Failures { get; }

    /// <summary>The processes that succeeded, in item order; null where the item failed.</summary>
    public IReadOnlyList<object?> Results { get; }

    private static string Describe(int itemCount, IReadOnlyList<KeyValuePair<int, Exception>> failures) =>
        $"{failures.Count} of {itemCount} mapped processes failed: "
        + string.Join("; ", failures.Take(5).Select(failure => $"item {failure.Key}: {failure.Value.Message}"))
        + (failures.Count > 5 ? $"; … {failures.Count - 5} more" : string.Empty);
}
