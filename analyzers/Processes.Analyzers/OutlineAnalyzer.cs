using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Processes.Analyzers;

/// <summary>
/// Checks how a process builds its outline: <c>DefineOutline</c> must add a step (directly or by
/// passing the builder to a helper), every <c>Step</c> argument must be awaitable (no <c>async
/// void</c>), and a method of the wrong shape gets a message naming the shapes a step may have.
/// </summary>
/// <remarks>
/// Cost: a code-block action, so the driver builds no operation trees; only method bodies of
/// <c>[Process]</c> classes are turned into operations, on demand.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OutlineAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.EmptyOutline, DiagnosticDescriptors.AsyncVoidStep, DiagnosticDescriptors.WrongStepShape);

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
        if (context.OwningSymbol is not IMethodSymbol method
            || method.ContainingType is null
            || symbols.FindEnclosingProcess(method) is null)
        {
            return;
        }

        var body = context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken);
        if (body is null)
        {
            return;
        }

        var addsStep = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when IsStep(invocation.TargetMethod, outlineBuilder):
                    addsStep = true;
                    CheckAsyncVoid(context, invocation);
                    break;

                // A map is a step that launches the children and one that collects them (also
                // while its arguments do not bind yet: the compiler reports that).
                case IInvocationOperation invocation when IsMap(invocation.TargetMethod, outlineBuilder):
                case IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Map" or "MapAll" } mapAccess } }
                    when SymbolEqualityComparer.Default.Equals(context.SemanticModel.GetTypeInfo(mapAccess.Expression, context.CancellationToken).Type, outlineBuilder):
                    addsStep = true;
                    break;

                // The builder handed to a helper method (or a local function): the helper adds the steps.
                case IInvocationOperation invocation when invocation.Arguments.Any(argument => IsBuilder(argument.Value, outlineBuilder)):
                    addsStep = true;
                    break;

                // 'outline.Step(Wrong)' that did not bind: the compiler's error says no overload matches; say which shapes are allowed.
                case IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Step" } access } call }
                    when SymbolEqualityComparer.Default.Equals(context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type, outlineBuilder):
                    addsStep = true;
                    if (call.ArgumentList.Arguments.Count > 0)
                    {
                        var argument = call.ArgumentList.Arguments[0].Expression;
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WrongStepShape, argument.GetLocation(), argument.ToString()));
                    }

                    break;
            }
        }

        if (!addsStep
            && method is { Name: "DefineOutline", IsStatic: false, ReturnsVoid: true, Parameters.Length: 1 }
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, outlineBuilder)
            && KnownSymbols.Has(method.ContainingType, symbols.ProcessAttribute))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EmptyOutline, method.Locations.FirstOrDefault(), method.ContainingType.Name));
        }
    }

    private static bool IsStep(IMethodSymbol method, INamedTypeSymbol outlineBuilder) =>
        method.Name == "Step" && SymbolEqualityComparer.Default.Equals(method.ContainingType, outlineBuilder);

    private static bool IsMap(IMethodSymbol method, INamedTypeSymbol outlineBuilder) =>
        method.Name is "Map" or "MapAll" && SymbolEqualityComparer.Default.Equals(method.ContainingType, outlineBuilder);

    private static bool IsBuilder(IOperation value, INamedTypeSymbol outlineBuilder) =>
        SymbolEqualityComparer.Default.Equals(Unwrap(value).Type, outlineBuilder);

    private static void CheckAsyncVoid(CodeBlockAnalysisContext context, IInvocationOperation invocation)
    {
        if (invocation.Arguments.Length == 0)
        {
            return;
        }

        var step = Unwrap(invocation.Arguments.First(argument => argument.Parameter?.Ordinal == 0).Value);
        if (step is IDelegateCreationOperation creation)
        {
            step = Unwrap(creation.Target);
        }

        var (target, name) = step switch
        {
            IMethodReferenceOperation reference => (reference.Method, reference.Method.Name),
            IAnonymousFunctionOperation lambda => (lambda.Symbol, "lambda"),
            _ => (null, string.Empty),
        };
        if (target is { IsAsync: true, ReturnsVoid: true })
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoidStep, step.Syntax.GetLocation(), name));
        }
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
