using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>
/// What methods launch through other methods of the same compilation, so a launch inside a helper
/// (a generic <c>Start&lt;T&gt;(context, key, T child)</c>, a static helper class, a local
/// function) becomes an edge of the process that calls the helper. Each method records the types
/// it launches directly (a process type, or one of its own type parameters) and the source methods
/// it calls with their type arguments; <see cref="EdgesThroughHelpers"/> follows the calls, substituting
/// type arguments for type parameters on the way.
/// </summary>
internal sealed class HelperLaunches
{
    /// <summary>How deep a chain of helper calls is followed; deeper chains are not judged (no false cycle, only a missed one).</summary>
    private const int MaxDepth = 16;

    private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentBag<ITypeSymbol>> _launches = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentBag<HelperCall>> _calls = new(SymbolEqualityComparer.Default);

    /// <summary>A launch of <paramref name="launched"/> (a process type or a type parameter) inside <paramref name="method"/>.</summary>
    public void AddLaunch(IMethodSymbol method, ITypeSymbol launched) =>
        _launches.GetOrAdd(Normalize(method), _ => new ConcurrentBag<ITypeSymbol>()).Add(launched);

    /// <summary>A call from <paramref name="caller"/> to the source method <paramref name="callee"/> at <paramref name="location"/>.</summary>
    public void AddCall(IMethodSymbol caller, IMethodSymbol callee, Location location) =>
        _calls.GetOrAdd(Normalize(caller), _ => new ConcurrentBag<HelperCall>()).Add(new HelperCall(callee, location));

    /// <summary>
    /// The edges a process or task gets through helper calls made by its own methods: each calls
    /// site in the process, with every process type the called helper launches (transitively).
    /// </summary>
    public IEnumerable<LaunchEdge> EdgesThroughHelpers(KnownSymbols symbols)
    {
        foreach (var pair in _calls)
        {
            if (symbols.FindEnclosingProcess(pair.Key) is not { } parent)
            {
                continue;
            }

            foreach (var call in pair.Value)
            {
                var launched = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
                var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                Collect(call.Callee, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol>.Empty.WithComparers(SymbolEqualityComparer.Default), launched, visited, 0);
                foreach (var type in launched)
                {
                    if (type is INamedTypeSymbol child && symbols.IsProcessOrTask(child))
                    {
                        yield return new LaunchEdge(parent, child, call.Location);
                    }
                }
            }
        }
    }

    private void Collect(
        IMethodSymbol method,
        ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> outer,
        HashSet<ITypeSymbol> launched,
        HashSet<IMethodSymbol> visited,
        int depth)
    {
        // The callee as called (type arguments bound) maps its own type parameters, then the
        // caller's substitution applies to whatever those arguments still leave open.
        var substitution = Bind(method, outer);
        var definition = Normalize(method);
        if (depth > MaxDepth || !visited.Add(method))
        {
            return;
        }

        if (_launches.TryGetValue(definition, out var direct))
        {
            foreach (var type in direct)
            {
                launched.Add(Substitute(type, substitution));
            }
        }

        if (_calls.TryGetValue(definition, out var calls))
        {
            foreach (var call in calls)
            {
                Collect(call.Callee, substitution, launched, visited, depth + 1);
            }
        }
    }

    private static ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> Bind(IMethodSymbol method, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> outer)
    {
        var bound = ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol>.Empty.WithComparers(SymbolEqualityComparer.Default);
        var definition = method.OriginalDefinition;
        for (var i = 0; i < definition.TypeParameters.Length && i < method.TypeArguments.Length; i++)
        {
            bound = bound.SetItem(definition.TypeParameters[i], Substitute(method.TypeArguments[i], outer));
        }

        return bound;
    }

    private static ITypeSymbol Substitute(ITypeSymbol type, ImmutableDictionary<ITypeParameterSymbol, ITypeSymbol> substitution) =>
        type is ITypeParameterSymbol parameter && substitution.TryGetValue(parameter, out var argument) ? argument : type;

    /// <summary>Lambdas and local functions count as part of the member they are written in.</summary>
    private static IMethodSymbol Normalize(IMethodSymbol method)
    {
        var current = method.OriginalDefinition;
        while (current.MethodKind is MethodKind.AnonymousFunction or MethodKind.LocalFunction && current.ContainingSymbol is IMethodSymbol outer)
        {
            current = outer.OriginalDefinition;
        }

        return current;
    }

    private readonly struct HelperCall(IMethodSymbol callee, Location location)
    {
        public IMethodSymbol Callee { get; } = callee;

        public Location Location { get; } = location;
    }
}
