using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Analyzers;

/// <summary>
/// Finds processes and tasks that launch their own type, directly or through others. Launch sites
/// are the calls of <c>StepContext.StartChild/StartChildren</c>, <c>TaskContext.RunAsync</c> and
/// <c>RunAsync/LaunchAsync/SubmitAsync</c> of any <c>IProcessClient</c> (the runtime included)
/// inside a process or task class whose child argument
/// has a process or task type, and the calls such a class makes to helper methods of the same
/// compilation that launch (generic helpers, static helper classes, local functions; see
/// <see cref="HelperLaunches"/>); the cycles are found once the whole compilation has been seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallCycleAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CallCycle);

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

            var edges = new ConcurrentBag<LaunchEdge>();
            var helpers = new HelperLaunches();
            start.RegisterSyntaxNodeAction(node => CollectEdge(node, symbols, edges, helpers), SyntaxKind.InvocationExpression);
            start.RegisterCompilationEndAction(end => ReportCycles(end, edges.Concat(helpers.EdgesThroughHelpers(symbols))));
        });
    }

    private static void CollectEdge(SyntaxNodeAnalysisContext context, KnownSymbols symbols, ConcurrentBag<LaunchEdge> edges, HelperLaunches helpers)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var caller = context.ContainingSymbol as IMethodSymbol;

        // Cheap syntactic filter first: only calls named like a launch method are resolved.
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            _ => null,
        };
        var parent = symbols.FindEnclosingProcess(context.ContainingSymbol);
        if (name is not ("StartChild" or "StartChildren" or "RunAsync" or "LaunchAsync" or "SubmitAsync") || !IsLaunchMethod(context, invocation, symbols))
        {
            RecordHelperCall(context, invocation, caller, parent, symbols, helpers);
            return;
        }

        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var type = context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken).Type;
            // A fan-out's argument is a sequence of children: its element type is the child.
            if (name == "StartChildren" && type is INamedTypeSymbol sequence)
            {
                type = ElementType(sequence);
            }

            if (type is ITypeParameterSymbol && caller is not null)
            {
                // A generic helper's launch: the edge belongs to whoever calls it with a process type.
                helpers.AddLaunch(caller, type);
                return;
            }

            if (type is INamedTypeSymbol child && symbols.IsProcessOrTask(child))
            {
                if (parent is not null)
                {
                    edges.Add(new LaunchEdge(parent, child, argument.Expression.GetLocation()));
                }

                if (caller is not null)
                {
                    helpers.AddLaunch(caller, child);
                }

                return;
            }
        }
    }

    /// <summary>A call to a method of this compilation outside the calling process (a helper): followed at the end.</summary>
    private static void RecordHelperCall(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation, IMethodSymbol? caller, INamedTypeSymbol? parent, KnownSymbols symbols, HelperLaunches helpers)
    {
        if (caller is null)
        {
            return;
        }

        // As for launches, a call binds only once the generator has made its process argument an
        // IProcessDefinition; the single candidate still has its type arguments inferred.
        var info = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken);
        var target = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (target is not IMethodSymbol callee
            || callee.DeclaringSyntaxReferences.IsEmpty
            || (parent is not null && SymbolEqualityComparer.Default.Equals(symbols.FindEnclosingProcess(callee), parent)))
        {
            // Library methods launch nothing we can see; a method of the calling process has its own edges.
            return;
        }

        helpers.AddCall(caller, callee, invocation.GetLocation());
    }

    private static ITypeSymbol? ElementType(INamedTypeSymbol sequence)
    {
        foreach (var candidate in sequence.AllInterfaces.Add(sequence))
        {
            if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return candidate.TypeArguments[0];
            }
        }

        return null;
    }

    // Before the generator runs (or when it failed) a child lacks IProcessDefinition<T>, so binding
    // fails on the constraint; the candidate method still tells which API was called.
    private static bool IsLaunchMethod(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax invocation, KnownSymbols symbols)
    {
        var info = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken);
        if (info.Symbol is IMethodSymbol resolved)
        {
            return IsLaunchMethod(resolved, symbols);
        }

        foreach (var candidate in info.CandidateSymbols)
        {
            if (candidate is IMethodSymbol method && IsLaunchMethod(method, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLaunchMethod(IMethodSymbol method, KnownSymbols symbols)
    {
        var owner = method.ContainingType?.OriginalDefinition;
        return method.Name switch
        {
            "StartChild" or "StartChildren" => SymbolEqualityComparer.Default.Equals(owner, symbols.StepContext),
            "RunAsync" => SymbolEqualityComparer.Default.Equals(owner, symbols.TaskContext) || IsClient(owner, symbols),
            "LaunchAsync" or "SubmitAsync" => IsClient(owner, symbols),
            _ => false,
        };
    }

    private static bool IsClient(INamedTypeSymbol? type, KnownSymbols symbols) =>
        type is not null
        && symbols.ProcessClient is { } client
        && (SymbolEqualityComparer.Default.Equals(type, client)
            || type.AllInterfaces.Any(implemented => SymbolEqualityComparer.Default.Equals(implemented, client)));

    private static void ReportCycles(CompilationAnalysisContext context, IEnumerable<LaunchEdge> edges)
    {
        foreach (var cycle in new LaunchGraph(edges).FindCycles())
        {
            var start = cycle[0].Parent;
            var path = string.Join(" → ", cycle.Select(edge => LaunchGraph.Name(edge.Parent)).Append(LaunchGraph.Name(start)));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CallCycle,
                cycle[0].Location,
                cycle.Skip(1).Select(edge => edge.Location),
                LaunchGraph.Name(start),
                path));
        }
    }
}
