using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Processes.Analyzers;

/// <summary>
/// Reports blocking waits (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>,
/// <c>Task.WaitAll/WaitAny</c>, <c>Thread.Sleep</c>) anywhere inside a process or task class.
/// </summary>
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

            start.RegisterOperationAction(
                operation => AnalyzePropertyReference(operation, symbols, tasks),
                OperationKind.PropertyReference);
            start.RegisterOperationAction(
                operation => AnalyzeInvocation(operation, symbols, tasks),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzePropertyReference(OperationAnalysisContext context, KnownSymbols symbols, TaskTypes tasks)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name == "Result"
            && tasks.IsTask(reference.Property.ContainingType)
            && symbols.FindEnclosingProcess(context.ContainingSymbol) is not null)
        {
            Report(context, BlockingWaitKind.Result, ".Result");
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols symbols, TaskTypes tasks)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        (BlockingWaitKind Kind, string Text)? found = method.Name switch
        {
            "Wait" when !method.IsStatic && tasks.IsTask(method.ContainingType) => (BlockingWaitKind.Wait, ".Wait()"),
            "WaitAll" or "WaitAny" when method.IsStatic && tasks.IsTask(method.ContainingType) => (BlockingWaitKind.WaitAllOrAny, "Task." + method.Name),
            "Sleep" when SymbolEqualityComparer.Default.Equals(method.ContainingType, tasks.Thread) => (BlockingWaitKind.Sleep, "Thread.Sleep"),
            "GetResult" when invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter
                && awaiter.Instance?.Type is { } awaited && tasks.IsTask(awaited) => (BlockingWaitKind.GetResult, ".GetAwaiter().GetResult()"),
            _ => null,
        };
        if (found is { } blocking && symbols.FindEnclosingProcess(context.ContainingSymbol) is not null)
        {
            Report(context, blocking.Kind, blocking.Text);
        }
    }

    private static void Report(OperationAnalysisContext context, BlockingWaitKind kind, string text)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind.ToString());
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockingWait, context.Operation.Syntax.GetLocation(), properties, text));
    }
}
