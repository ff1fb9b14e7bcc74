using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Analyzers;

/// <summary>
/// Reports two <c>[Process]</c>/<c>[Task]</c> types of one compilation registered under the same
/// name (their <c>Name</c>, or their metadata name as the generator registers them).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateProcessName);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var registered = new ConcurrentBag<(string Name, INamedTypeSymbol Type)>();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    var attribute = KnownSymbols.Find(type, symbols.ProcessAttribute) ?? KnownSymbols.Find(type, symbols.TaskAttribute);
                    if (attribute is not null)
                    {
                        registered.Add((RegisteredName(type, attribute), type));
                    }
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var group in registered.GroupBy(entry => entry.Name).Where(group => group.Count() > 1))
                {
                    // Order by source position so the first declaration keeps the name and the others are reported.
                    var ordered = group.OrderBy(entry => entry.Type.Locations.FirstOrDefault()?.SourceTree?.FilePath, System.StringComparer.Ordinal)
                        .ThenBy(entry => entry.Type.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
                        .ToList();
                    foreach (var duplicate in ordered.Skip(1))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.DuplicateProcessName,
                            duplicate.Type.Locations.FirstOrDefault(),
                            duplicate.Type.Name,
                            group.Key,
                            ordered[0].Type.ToDisplayString()));
                    }
                }
            });
        });
    }

    /// <summary>The name the generator registers: the attribute's <c>Name</c>, else the metadata name (<c>Ns.Outer+Inner</c>).</summary>
    internal static string RegisteredName(INamedTypeSymbol type, AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Name" && argument.Value.Value is string { Length: > 0 } name)
            {
                return name;
            }
        }

        var metadataName = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            metadataName = outer.MetadataName + "+" + metadataName;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + metadataName : metadataName;
    }
}
