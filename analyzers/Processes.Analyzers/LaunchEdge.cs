using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>One launch site: code in <see cref="Parent"/> launches or runs a <see cref="Child"/>.</summary>
internal sealed class LaunchEdge
{
    public LaunchEdge(INamedTypeSymbol parent, INamedTypeSymbol child, Location location)
    {
        Parent = parent;
        Child = child;
        Location = location;
    }

    public INamedTypeSymbol Parent { get; }

    public INamedTypeSymbol Child { get; }

    public Location Location { get; }
}
