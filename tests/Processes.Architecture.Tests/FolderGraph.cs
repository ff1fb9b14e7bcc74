using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Architecture.Tests;

/// <summary>
/// Which top folders of a project use which: every file of the project is compiled together
/// (references: the running platform and its packages), every name in a file is bound with the
/// semantic model, and a name declared in the project's sources adds an edge from the file's top
/// folder to the top folder of the file that declares it. Documentation comments do not count.
/// </summary>
internal sealed class FolderGraph
{
    private FolderGraph(SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> edges) => Edges = edges;

    /// <summary>Folder → used folder → the names that make the edge (for messages).</summary>
    public SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> Edges { get; }

    public IEnumerable<string> Folders => Edges.Keys;

    public static FolderGraph Build(string projectDirectory)
    {
        var files = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(projectDirectory, path))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path)).ToList();
        var compilation = CSharpCompilation.Create(
            "FolderGraph",
            trees,
            PlatformReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        var edges = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var from = TopFolder(projectDirectory, tree.FilePath);
            if (!edges.ContainsKey(from))
            {
                edges[from] = new(StringComparer.Ordinal);
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not (SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax))
                {
                    continue;
                }

                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (node is ImplicitObjectCreationExpressionSyntax)
                {
                    symbol = model.GetTypeInfo(node).Type;
                }

                foreach (var declaringFile in DeclaringFiles(symbol))
                {
                    var to = TopFolder(projectDirectory, declaringFile);
                    if (to == from)
                    {
                        continue;
                    }

                    if (!edges[from].TryGetValue(to, out var names))
                    {
                        edges[from][to] = names = new(StringComparer.Ordinal);
                    }

                    names.Add(Path.GetFileName(tree.FilePath) + " → " + symbol!.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
                }
            }
        }

        foreach (var target in edges.Values.SelectMany(used => used.Keys).ToList())
        {
            if (!edges.ContainsKey(target))
            {
                edges[target] = new(StringComparer.Ordinal);
            }
        }

        return new FolderGraph(edges);
    }

    /// <summary>One cycle among the folders (first folder repeated at the end), or null when the graph is acyclic.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        foreach (var start in Edges.Keys)
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string folder)
        {
            if (state.TryGetValue(folder, out var seen))
            {
                return seen == 1 ? path.Skip(path.IndexOf(folder)).Append(folder).ToList() : null;
            }

            state[folder] = 1;
            path.Add(folder);
            foreach (var next in Edges[folder].Keys)
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }
    }

    /// <summary>The names behind the edge <paramref name="from"/> → <paramref name="to"/>, a few of them, for a failure message.</summary>
    public string Reasons(string from, string to, int count = 4) =>
        Edges.TryGetValue(from, out var used) && used.TryGetValue(to, out var names)
            ? string.Join("; ", names.Take(count)) + (names.Count > count ? $"; … {names.Count - count} more" : string.Empty)
            : string.Empty;

    private static IEnumerable<string> DeclaringFiles(ISymbol? symbol)
    {
        switch (symbol)
        {
            case null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or ITypeParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol:
                yield break;
            case IAliasSymbol alias:
                foreach (var file in DeclaringFiles(alias.Target))
                {
                    yield return file;
                }

                yield break;
        }

        // A member counts where it is declared (a partial type's parts may sit in different files);
        // a constructed generic or a reduced extension method counts as its definition.
        var definition = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol.OriginalDefinition;
        if (definition is IArrayTypeSymbol array)
        {
            definition = array.ElementType.OriginalDefinition;
        }

        var location = definition.Locations.Where(location => location.IsInSource).OrderBy(location => location.SourceTree!.FilePath, StringComparer.Ordinal).FirstOrDefault();
        if (location is not null)
        {
            yield return location.SourceTree!.FilePath;
        }
    }

    private static string TopFolder(string projectDirectory, string path)
    {
        var relative = Path.GetRelativePath(projectDirectory, path);
        var separator = relative.IndexOfAny(new[] { '/', '\\' });
        return separator < 0 ? "(root)" : relative[..separator];
    }

    private static bool IsBuildOutput(string projectDirectory, string path)
    {
        var top = TopFolder(projectDirectory, path);
        return top is "bin" or "obj";
    }

    private static IEnumerable<MetadataReference> PlatformReferences()
    {
        // The test host's trusted platform assemblies: the framework plus this project's package
        // dependencies (logging, object pool), without the SDK's own assemblies.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return paths
            .Where(path => !Path.GetFileName(path).StartsWith("Processes.", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));
    }
}
