using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Processes.Analyzers;

/// <summary>
/// Reports blocking waits (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c> (also after <c>.ConfigureAwait(…)</c>),
/// <c>Task.WaitAll/WaitAny</c>, <c>Thread.Sleep</c>) anywhere inside a process or task class.
/// </summary>
/// <remarks>
/// Cost: a member name cannot be aliased in C# (<c>using</c> aliases name types and namespaces,
/// <c>using static</c> only drops the type), so every call or read this analyzer reports has the
/// member's name in its syntax. Syntax-node actions look at that name first and ask the semantic
/// model for the operation of the few nodes whose name matches; operation actions would make the
/// driver build an operation tree for every method body of the project.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWaitAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property holding the <see cref="BlockingWaitKind"/> for the code fix.</summary>
    public const string KindProperty = "Kind";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BlockingWait);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            var tasks = TaskTypes.TryCreate(start.Compilation);
            if (symbols is null || tasks is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(node => AnalyzeInvocation(node, symbols, tasks), SyntaxKind.InvocationExpression);
            start.RegisterSyntaxNodeAction(node => AnalyzeResultName(node, symbols, tasks), SyntaxKind.IdentifierName);
        });
    }

    // Every '.Result' read: 'task.Result', 'task?.Result', a property pattern '{ Result: … }', or a
    // bare 'Result' in a type derived from Task<T>. The operation sits on the member access or
    // binding when the name is its right-hand side, otherwise on the name itself.
    private static void AnalyzeResultName(SyntaxNodeAnalysisContext context, KnownSymbols symbols, TaskTypes tasks)
    {
        var name = (IdentifierNameSyntax)context.Node;
        if (name.Identifier.ValueText != "Result")
        {
            return;
        }

        SyntaxNode node = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding => binding,
            _ => name,
        };
        if (context.SemanticModel.GetOperation(node, context.CancellationToken) is IPropertyReferenceOperation reference
            && reference.Property.Name == "Result"
            && tasks.IsTask(reference.Property.ContainingType)
            && symbols.FindEnclosingProcess(context.ContainingSymbol) is not null)
        {
            Report(context, reference.Syntax, BlockingWaitKind.Result, ".Result");
        }
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context, KnownSymbols symbols, TaskTypes tasks)
    {
        var syntax = (InvocationExpressionSyntax)context.Node;
        if (MethodName(syntax.Expression) is not ("Wait" or "WaitAll" or "WaitAny" or "Sleep" or "GetResult")
            || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation)
        {
            return;
        }

        var method = invocation.TargetMethod;
        (BlockingWaitKind Kind, string Text)? found = method.Name switch
        {
            "Wait" when !method.IsStatic && tasks.IsTask(method.ContainingType) => (BlockingWaitKind.Wait, ".Wait()"),
            "WaitAll" or "WaitAny" when method.IsStatic && tasks.IsTask(method.ContainingType) => (BlockingWaitKind.WaitAllOrAny, "Task." + method.Name),
            "Sleep" when SymbolEqualityComparer.Default.Equals(method.ContainingType, tasks.Thread) => (BlockingWaitKind.Sleep, "Thread.Sleep"),
            "GetResult" when invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter
                && awaiter.Instance?.Type is { } awaited && tasks.IsTask(awaited) => (BlockingWaitKind.GetResult, ".GetAwaiter().GetResult()"),
            "GetResult" when invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured }
                && tasks.IsTask(configured.TargetMethod.ContainingType) => (BlockingWaitKind.GetResult, ".ConfigureAwait(…).GetAwaiter().GetResult()"),
            _ => null,
        };
        if (found is { } blocking && symbols.FindEnclosingProcess(context.ContainingSymbol) is not null)
        {
            Report(context, invocation.Syntax, blocking.Kind, blocking.Text);
        }
    }

    // The name of the method a call names syntactically: 'a.M()', 'a?.M()', 'M()', 'M<T>()', '(a.M)()'.
    private static string? MethodName(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }

    private static void Report(SyntaxNodeAnalysisContext context, SyntaxNode syntax, BlockingWaitKind kind, string text)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind.ToString());
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockingWait, syntax.GetLocation(), properties, text));
    }
}
