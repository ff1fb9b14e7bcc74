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

            start.RegisterOperationBlockAction(block => Analyze(block, symbols, outlineBuilder));
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, KnownSymbols symbols, INamedTypeSymbol outlineBuilder)
    {
        if (context.OwningSymbol is not IMethodSymbol { Name: "DefineOutline", IsStatic: false, ReturnsVoid: true, Parameters.Length: 1 } method
            || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, outlineBuilder)
            || !KnownSymbols.Has(method.ContainingType, symbols.ProcessAttribute))
        {
            return;
        }

        var callsStep = context.OperationBlocks
            .SelectMany(block => block.DescendantsAndSelf())
            .OfType<IInvocationOperation>()
            .Any(invocation => invocation.TargetMethod.Name == "Step"
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, outlineBuilder));
        if (!callsStep)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyOutline, method.Locations.FirstOrDefault(), method.ContainingType.Name));
        }
    }
}
