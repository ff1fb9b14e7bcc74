using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Processes.Analyzers;

/// <summary>
/// Reports an <c>[Output]</c> of a non-nullable value type that nothing in its process or task
/// ever assigns: its default (0, false, an empty struct) passes validation as if the body had
/// produced it. Only outputs with a private setter are judged, so every possible assignment is in
/// the class itself; an initializer counts as an assignment.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnassignedOutputAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OutputNeverAssigned);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.OutputAttribute is not { } outputAttribute)
            {
                return;
            }

            start.RegisterSymbolStartAction(
                typeStart =>
                {
                    var type = (INamedTypeSymbol)typeStart.Symbol;
                    if (!KnownSymbols.Has(type, symbols.ProcessAttribute) && !KnownSymbols.Has(type, symbols.TaskAttribute))
                    {
                        return;
                    }

                    var candidates = type.GetMembers().OfType<IPropertySymbol>()
                        .Where(property => IsJudged(property, outputAttribute, typeStart.CancellationToken))
                        .ToImmutableArray();
                    if (candidates.IsEmpty)
                    {
                        return;
                    }

                    var assigned = new ConcurrentDictionary<IPropertySymbol, bool>(SymbolEqualityComparer.Default);
                    typeStart.RegisterOperationAction(
                        operationContext => RecordTargets(operationContext.Operation, candidates, assigned),
                        OperationKind.SimpleAssignment,
                        OperationKind.CompoundAssignment,
                        OperationKind.CoalesceAssignment,
                        OperationKind.Increment,
                        OperationKind.Decrement,
                        OperationKind.DeconstructionAssignment,
                        OperationKind.Argument);
                    typeStart.RegisterSymbolEndAction(end =>
                    {
                        foreach (var property in candidates)
                        {
                            if (!assigned.ContainsKey(property))
                            {
                                end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OutputNeverAssigned, property.Locations[0], property.Name, type.Name, property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                            }
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }

    private static bool IsJudged(IPropertySymbol property, INamedTypeSymbol outputAttribute, System.Threading.CancellationToken cancellationToken) =>
        !property.IsStatic
        && KnownSymbols.Has(property, outputAttribute)
        && property.Type.IsValueType
        && property.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
        && property.SetMethod is { DeclaredAccessibility: Accessibility.Private }
        && !property.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer: not null });

    private static void RecordTargets(IOperation operation, ImmutableArray<IPropertySymbol> candidates, ConcurrentDictionary<IPropertySymbol, bool> assigned)
    {
        var target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation step => step.Target,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
            _ => null,
        };
        if (target is null)
        {
            return;
        }

        // A deconstruction's target is a tuple of targets: every property reference in it is assigned.
        foreach (var reference in target.DescendantsAndSelf().OfType<IPropertyReferenceOperation>())
        {
            var property = candidates.FirstOrDefault(candidate => SymbolEqualityComparer.Default.Equals(candidate, reference.Property.OriginalDefinition));
            if (property is not null)
            {
                assigned[property] = true;
            }
        }
    }
}
