using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Processes.Analyzers;

/// <summary>
/// Reports a constant below 1 assigned to <c>MapOptions.MaxParallelism</c> or
/// <c>MapOptions.ChunkSize</c> (in an object initializer or a <c>with</c> expression): the map
/// would only fail when it starts (PRC0038).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MapOptionsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidMapOption);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("Processes.MapOptions") is not { } mapOptions)
            {
                return;
            }

            start.RegisterOperationAction(operation => Check((ISimpleAssignmentOperation)operation.Operation, mapOptions, operation), OperationKind.SimpleAssignment);
        });
    }

    private static void Check(ISimpleAssignmentOperation assignment, INamedTypeSymbol mapOptions, OperationAnalysisContext context)
    {
        if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "MaxParallelism" or "ChunkSize" } property }
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, mapOptions)
            && assignment.Value.ConstantValue is { HasValue: true, Value: int value }
            && value < 1)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidMapOption, assignment.Syntax.GetLocation(), property.Name, value));
        }
    }
}
