using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks <c>[SharedStateOperation]</c> methods. PRC0047: the generator cannot send it (its shape,
/// by <c>SharedStateRules.OperationShapeReason</c>, or a parameter or result type the serializer
/// cannot write, by the port rules). PRC0048: it is async or returns an awaitable (by
/// <c>SharedStateRules.NotSynchronousReason</c>: the generator skips it too), or its body calls a
/// blocking member (<c>SharedStateRules.IsBlockingMember</c>), which would hold up every updater of
/// the state while it runs under the state's lock.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedStateOperationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidSharedStateOperation,
        DiagnosticDescriptors.BlockingSharedStateOperation);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.SharedStateOperationAttribute is null)
            {
                return;
            }

            var types = new SerializableTypes(symbols.Compilation);
            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, symbols, types), SymbolKind.Method);
            start.RegisterOperationAction(
                operationContext => AnalyzeCall(operationContext, symbols),
                OperationKind.Invocation,
                OperationKind.PropertyReference);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols symbols, SerializableTypes types)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!KnownSymbols.Has(method, symbols.SharedStateOperationAttribute))
        {
            return;
        }

        var location = method.Locations.FirstOrDefault();
        var name = (method.ContainingType?.Name is { } typeName ? typeName + "." : string.Empty) + method.Name;
        if (SharedStateRules.NotSynchronousReason(method) is { } notSynchronous)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockingSharedStateOperation, location, name, notSynchronous));
            return;
        }

        if (SharedStateRules.OperationShapeReason(method) is { } shape)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidSharedStateOperation, location, name, shape));
            return;
        }

        foreach (var parameter in method.Parameters)
        {
            if (types.FindUnsupported(parameter.Type, parameter.Name) is { } unsupported)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidSharedStateOperation,
                    parameter.Locations.FirstOrDefault() ?? location,
                    name,
                    $"the type '{Display(unsupported.Type)}' of '{unsupported.Path}' cannot be serialized; use a supported type or mark it [ProcessData]"));
            }
        }

        if (!method.ReturnsVoid && types.FindUnsupported(method.ReturnType, "result") is { } result)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidSharedStateOperation,
                location,
                name,
                $"the type '{Display(result.Type)}' of its '{result.Path}' cannot be serialized; use a supported type or mark it [ProcessData]"));
        }
    }

    private static void AnalyzeCall(OperationAnalysisContext context, KnownSymbols symbols)
    {
        var member = context.Operation switch
        {
            IInvocationOperation invocation => (ISymbol)invocation.TargetMethod,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (member is null || !SharedStateRules.IsBlockingMember(member))
        {
            return;
        }

        // The operation method itself, or a lambda or local function inside it.
        var owner = context.ContainingSymbol;
        while (owner is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } inner)
        {
            owner = inner.ContainingSymbol;
        }

        if (owner is IMethodSymbol method && KnownSymbols.Has(method, symbols.SharedStateOperationAttribute))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BlockingSharedStateOperation,
                context.Operation.Syntax.GetLocation(),
                (method.ContainingType?.Name is { } typeName ? typeName + "." : string.Empty) + method.Name,
                $"it calls '{member.ContainingType?.Name}.{member.Name}', which blocks the state's lock while it waits"));
        }
    }

    private static string Display(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
