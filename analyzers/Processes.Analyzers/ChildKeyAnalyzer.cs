using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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
                    typeStart.RegisterOperationAction(
                        operationContext =>
                        {
                            var invocation = (IInvocationOperation)operationContext.Operation;
                            var method = invocation.TargetMethod;
                            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, stepContext)
                                || method.Name is not ("StartChild" or "GetChild" or "TryGetChild")
                                || invocation.Arguments.Length == 0)
                            {
                                return;
                            }

                            var keyArgument = invocation.Arguments[0].Value;
                            var key = keyArgument.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;
                            if (method.Name == "StartChild")
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
                                lookups.Add((key, keyArgument.Syntax.GetLocation()));
                            }
                        },
                        OperationKind.Invocation);
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
