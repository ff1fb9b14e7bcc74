using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Analyzers;

/// <summary>
/// The graph of which process or task launches which, and its cycles. Each strongly connected
/// component with a cycle yields one cycle: the shortest one through its first type by name, so
/// the result is deterministic however the edges were collected.
/// </summary>
internal sealed class LaunchGraph
{
    private readonly Dictionary<INamedTypeSymbol, List<LaunchEdge>> _edges = new(SymbolEqualityComparer.Default);
    private readonly List<INamedTypeSymbol> _nodes = new();

    public LaunchGraph(IEnumerable<LaunchEdge> edges)
    {
        // Sort so that traversal order, and therefore the reported cycle, never depends on analysis order.
        foreach (var edge in edges.OrderBy(edge => Name(edge.Parent), StringComparer.Ordinal)
                     .ThenBy(edge => Name(edge.Child), StringComparer.Ordinal)
                     .ThenBy(edge => edge.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                     .ThenBy(edge => edge.Location.SourceSpan.Start))
        {
            AddNode(edge.Parent).Add(edge);
            AddNode(edge.Child);
        }
    }

    /// <summary>One cycle per strongly connected component that has one, each as its edges in order.</summary>
    public IEnumerable<IReadOnlyList<LaunchEdge>> FindCycles()
    {
        foreach (var component in StronglyConnectedComponents())
        {
            var start = component.OrderBy(Name, StringComparer.Ordinal).First();
            var members = new HashSet<INamedTypeSymbol>(component, SymbolEqualityComparer.Default);
            if (ShortestCycle(start, members) is { } cycle)
            {
                yield return cycle;
            }
        }
    }

    public static string Name(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    private List<LaunchEdge> AddNode(INamedTypeSymbol type)
    {
        if (!_edges.TryGetValue(type, out var list))
        {
            list = new List<LaunchEdge>();
            _edges.Add(type, list);
            _nodes.Add(type);
        }

        return list;
    }

    // Breadth-first search from start back to start, staying inside the component.
    private List<LaunchEdge>? ShortestCycle(INamedTypeSymbol start, HashSet<INamedTypeSymbol> members)
    {
        var cameBy = new Dictionary<INamedTypeSymbol, LaunchEdge>(SymbolEqualityComparer.Default);
        var queue = new Queue<INamedTypeSymbol>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var edge in _edges[current])
            {
                if (!members.Contains(edge.Child))
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(edge.Child, start))
                {
                    var path = new List<LaunchEdge> { edge };
                    for (var node = current; !SymbolEqualityComparer.Default.Equals(node, start); node = cameBy[node].Parent)
                    {
                        path.Add(cameBy[node]);
                    }

                    path.Reverse();
                    return path;
                }

                if (!cameBy.ContainsKey(edge.Child))
                {
                    cameBy.Add(edge.Child, edge);
                    queue.Enqueue(edge.Child);
                }
            }
        }

        return null;
    }

    // Tarjan's algorithm, iterative so a long chain of processes cannot overflow the stack.
    private List<List<INamedTypeSymbol>> StronglyConnectedComponents()
    {
        var index = new Dictionary<INamedTypeSymbol, int>(SymbolEqualityComparer.Default);
        var lowLink = new Dictionary<INamedTypeSymbol, int>(SymbolEqualityComparer.Default);
        var onStack = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var stack = new Stack<INamedTypeSymbol>();
        var components = new List<List<INamedTypeSymbol>>();
        var counter = 0;

        foreach (var root in _nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(INamedTypeSymbol Node, int NextEdge)>();
            work.Push((root, 0));
            index[root] = lowLink[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, nextEdge) = work.Pop();
                var edges = _edges[node];
                if (nextEdge < edges.Count)
                {
                    work.Push((node, nextEdge + 1));
                    var child = edges[nextEdge].Child;
                    if (!index.ContainsKey(child))
                    {
                        index[child] = lowLink[child] = counter++;
                        stack.Push(child);
                        onStack.Add(child);
                        work.Push((child, 0));
                    }
                    else if (onStack.Contains(child))
                    {
                        lowLink[node] = Math.Min(lowLink[node], index[child]);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                }

                if (lowLink[node] == index[node])
                {
                    var component = new List<INamedTypeSymbol>();
                    INamedTypeSymbol member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (!SymbolEqualityComparer.Default.Equals(member, node));
                    components.Add(component);
                }
            }
        }

        return components;
    }
}
