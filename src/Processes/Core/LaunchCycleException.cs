using System.Collections.Generic;

namespace Processes;

/// <summary>
/// A process tried to launch a child that is one of its own ancestors: the same type with the
/// same inputs. Run, the launch would repeat without end, so it is refused (in the step that
/// made it). <see cref="Chain"/> names every process from the ancestor that came back to the
/// refused launch. The compile-time check (PRC0021) sees direct launches; this guard also catches
/// launches by name, through helpers, and across workers' runtimes.
/// </summary>
public sealed class LaunchCycleException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="chain">The launch chain, the repeated ancestor first and the refused launch last ("Name(id)").</param>
    public LaunchCycleException(IReadOnlyList<string> chain)
        : base("Launch cycle: " + string.Join(" → ", chain) + " launches an ancestor again with the same inputs.")
    {
        Chain = chain;
    }

    /// <summary>The launch chain, the repeated ancestor first and the refused launch last.</summary>
    public IReadOnlyList<string> Chain { get; }
}
