using System.Collections.Generic;

namespace Processes.Pool;

/// <summary>The outputs of every task of a chain that ran to its end, in chain order.</summary>
public sealed class ChainResult
{
    internal ChainResult(IReadOnlyList<object> results) => Results = results;

    /// <summary>Each task's instance with its outputs set, in chain order.</summary>
    public IReadOnlyList<object> Results { get; }

    /// <summary>The task at <paramref name="index"/> with its outputs set; throws <see cref="System.InvalidCastException"/> for another type.</summary>
    public TProcess Get<TProcess>(int index)
        where TProcess : class => (TProcess)Results[index];
}
