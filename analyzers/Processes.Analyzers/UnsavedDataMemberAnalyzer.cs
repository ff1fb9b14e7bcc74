using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// PRC0044: a public get-only auto-property of a <c>[ProcessData]</c> type that the serializer
/// does not save (not a collection it fills in place, <see cref="SupportRules.IsInPlaceCollection"/>):
/// its value is silently reset to the initializer's when a process is continued from a checkpoint.
/// A computed property (no backing field) holds no data and is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsavedDataMemberAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DataMemberNotSaved);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.ProcessDataAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.Property);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (property.IsStatic || property.IsIndexer || property.SetMethod is not null || property.GetMethod is null
            || property.DeclaredAccessibility != Accessibility.Public
            || property.ContainingType is not { } type
            || !KnownSymbols.Has(type, symbols.ProcessDataAttribute)
            // Also [MemoryPackable]: MemoryPack's member rules apply, which save get-only properties.
            || MemoryPackRules.IsMemoryPackable(type)
            || symbols.IsProcessOrTask(type)
            || !SupportRules.IsAutoProperty(property)
            || SupportRules.IsInPlaceCollection(property))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.DataMemberNotSaved,
            property.Locations[0],
            property.Name,
            type.Name,
            property.Type is INamedTypeSymbol { IsGenericType: true } generic && generic.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic"
                ? "declare it as a List<T>, HashSet<T> or Dictionary<TKey, TValue> (filled in place), or give it a setter"
                : "give it a setter ('init' or 'set'), or make it a computed property"));
    }

}
