using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks how a <c>[Process]</c> or <c>[Task]</c> class is declared: partial (with its containing
/// types), one kind only, a concrete non-generic class, and with its body or outline method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property of PRC0004 holding the kind of class, <c>Process</c> or <c>Task</c>.</summary>
    public const string KindProperty = "Kind";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.ProcessAndTask,
        DiagnosticDescriptors.UnsupportedShape,
        DiagnosticDescriptors.MissingEntryMethod,
        DiagnosticDescriptors.WrongEntryMethodSignature);

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

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        ReportNestedProcesses(context, type, type, symbols);
        var isProcess = KnownSymbols.Has(type, symbols.ProcessAttribute);
        var isTask = KnownSymbols.Has(type, symbols.TaskAttribute);
        if (!isProcess && !isTask)
        {
            return;
        }

        var kind = isProcess ? "Process" : "Task";
        var declaration = FirstDeclaration(type, context.CancellationToken);
        var identifier = declaration?.Identifier.GetLocation() ?? type.Locations.FirstOrDefault();
        if (isProcess && isTask)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProcessAndTask, identifier, type.Name));
        }

        ReportNonPartialTypes(context, type, kind, type);

        var reason = SupportRules.UnsupportedClassReason(type);
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedShape, identifier, type.Name, kind, reason));
            return;
        }

        if (isProcess && isTask)
        {
            return;
        }

        var entry = isProcess
            ? new EntryMethod("DefineOutline", symbols.OutlineBuilder, null, EntryMethod.OutlineSignature)
            : new EntryMethod("RunAsync", symbols.TaskContext, symbols.ValueTask, EntryMethod.BodySignature);
        CheckEntryMethod(context, type, kind, entry, identifier);
    }

    private static void CheckEntryMethod(SymbolAnalysisContext context, INamedTypeSymbol type, string kind, EntryMethod entry, Location? identifier)
    {
        if (entry.ParameterType is null || (entry.ReturnType is null && kind == "Task"))
        {
            return;
        }

        var candidates = type.GetMembers(entry.Name).OfType<IMethodSymbol>().ToList();
        if (candidates.Count == 0)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingEntryMethod, identifier, properties, kind, type.Name, entry.Signature));
            return;
        }

        if (candidates.Any(entry.Matches))
        {
            return;
        }

        var wrong = candidates[0];
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.WrongEntryMethodSignature,
            wrong.Locations.FirstOrDefault(),
            $"{type.Name}.{entry.Name}",
            entry.Signature));
    }

    /// <summary>
    /// PRC0001 for a type that contains processes or tasks (at any depth) and is not partial,
    /// reported while analyzing that type: the diagnostic then lies in the declaration of the
    /// symbol it was reported for (a local diagnostic), which the IDE's analysis of a span and
    /// code fixes require.
    /// </summary>
    private static void ReportNestedProcesses(SymbolAnalysisContext context, INamedTypeSymbol container, INamedTypeSymbol current, KnownSymbols symbols)
    {
        foreach (var nested in current.GetTypeMembers())
        {
            var isProcess = KnownSymbols.Has(nested, symbols.ProcessAttribute);
            if (isProcess || KnownSymbols.Has(nested, symbols.TaskAttribute))
            {
                ReportNonPartialTypes(context, container, isProcess ? "Process" : "Task", nested);
            }

            ReportNestedProcesses(context, container, nested, symbols);
        }
    }

    /// <summary>PRC0001 at each declaration of <paramref name="current"/> without <c>partial</c>, which <paramref name="type"/> (a <paramref name="kind"/>) needs.</summary>
    private static void ReportNonPartialTypes(SymbolAnalysisContext context, INamedTypeSymbol current, string kind, INamedTypeSymbol type)
    {
        foreach (var reference in current.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NotPartial,
                    declaration.Identifier.GetLocation(),
                    current.Name,
                    kind,
                    type.Name));
            }
        }
    }

    private static TypeDeclarationSyntax? FirstDeclaration(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault();
}
