using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Processes.Analyzers;

/// <summary>
/// Warns about a process whose <c>DefineOutline</c> never calls <c>OutlineBuilder.Step</c>: the
/// process would finish at once without doing anything.
/// </summary>
/// <remarks>
/// Cost: a code-block action, so the driver builds no operation trees; only the body of a method
/// that has the outline's shape is turned into operations, on demand.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OutlineAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.EmptyOutline);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.OutlineBuilder is not { } outlineBuilder)
            {
                return;
            }

            start.RegisterCodeBlockAction(block => Analyze(block, symbols, outlineBuilder));
        });
    }

    private static void Analyze(CodeBlockAnalysisContext context, KnownSymbols symbols, INamedTypeSymbol outlineBuilder)
    {
        if (context.OwningSymbol is not IMethodSymbol { Name: "DefineOutline", IsStatic: false, ReturnsVoid: true, Parameters.Length: 1 } method
            || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, outlineBuilder)
            || !KnownSymbols.Has(method.ContainingType, symbols.ProcessAttribute))
        {
            return;
        }

        if (!CallsStep(context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken), outlineBuilder))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyOutline, method.Locations.FirstOrDefault(), method.ContainingType.Name));
        }
    }

    private static bool CallsStep(IOperation? body, INamedTypeSymbol outlineBuilder)
    {
        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation
                && invocation.TargetMethod.Name == "Step"
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, outlineBuilder))
            {
                return true;
            }
        }

        return false;
    }
}
