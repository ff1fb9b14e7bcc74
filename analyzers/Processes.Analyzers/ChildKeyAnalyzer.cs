using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers;

/// <summary>
/// Reports <c>GetChild&lt;T&gt;("key")</c> or <c>TryGetChild("key", …)</c> with a constant key that
/// no <c>StartChild</c> of the same process class uses. When any <c>StartChild</c> key of the class
/// is not a constant, nothing is reported (the analyzer cannot know every key).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChildKeyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ChildNeverStarted);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.StepContext is not { } stepContext)
            {
                return;
            }

            start.RegisterSymbolStartAction(
                typeStart =>
                {
                    var type = (INamedTypeSymbol)typeStart.Symbol;
                    if (!KnownSymbols.Has(type, symbols.ProcessAttribute))
                    {
                        return;
                    }

                    var started = new ConcurrentDictionary<string, bool>();
                    var lookups = new ConcurrentBag<(string Key, Location Location)>();
                    var anyDynamicKey = false;
                    typeStart.RegisterSyntaxNodeAction(
                        nodeContext =>
                        {
                            // Syntax plus candidate symbols, like the launch graph: the call binds only once the
                            // generator has made the child an IProcessDefinition, which an editing session may lag.
                            var call = (InvocationExpressionSyntax)nodeContext.Node;
                            var name = call.Expression switch
                            {
                                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                                _ => null,
                            };
                            if (name is not ("StartChild" or "GetChild" or "TryGetChild") || call.ArgumentList.Arguments.Count == 0)
                            {
                                return;
                            }

                            var info = nodeContext.SemanticModel.GetSymbolInfo(call, nodeContext.CancellationToken);
                            var method = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
                            if (method is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, stepContext))
                            {
                                return;
                            }

                            var keyArgument = call.ArgumentList.Arguments[0].Expression;
                            var constant = nodeContext.SemanticModel.GetConstantValue(keyArgument, nodeContext.CancellationToken);
                            var key = constant is { HasValue: true, Value: string text } ? text : null;
                            if (name == "StartChild")
                            {
                                if (key is null)
                                {
                                    anyDynamicKey = true;
                                }
                                else
                                {
                                    started[key] = true;
                                }
                            }
                            else if (key is not null)
                            {
                                lookups.Add((key, keyArgument.GetLocation()));
                            }
                        },
                        SyntaxKind.InvocationExpression);
                    typeStart.RegisterSymbolEndAction(end =>
                    {
                        if (anyDynamicKey)
                        {
                            return;
                        }

                        foreach (var (key, location) in lookups)
                        {
                            if (!started.ContainsKey(key))
                            {
                                end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ChildNeverStarted, location, type.Name, key));
                            }
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }
}
