using System.Collections.Generic;

namespace Processes;

/// <summary>
/// A launch would nest children deeper than <c>ProcessRuntimeOptions.MaxLaunchDepth</c>: a
/// runaway recursion whose inputs change at each level, which the cycle guard
/// (<see cref="LaunchCycleException"/>) cannot see. The launch is refused in the step that made it.
/// </summary>
public sealed class LaunchDepthExceededException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="maxDepth">The limit.</param>
    /// <param name="chain">The launch chain, the top-level process first and the refused launch last ("Name(id)").</param>
    public LaunchDepthExceededException(int maxDepth, IReadOnlyList<string> chain)
        : base($"Launch depth {chain.Count} exceeds the limit of {maxDepth}: " + string.Join(" → ", chain))
    {
        MaxDepth = maxDepth;
        Chain = chain;
    }

    /// <summary>The limit (<c>ProcessRuntimeOptions.MaxLaunchDepth</c>).</summary>
    public int MaxDepth { get; }

    /// <summary>The launch chain, the top-level process first and the refused launch last.</summary>
    public IReadOnlyList<string> Chain { get; }
}
