using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers;

/// <summary>
/// Reports a <c>StepContext</c> lookup by a constant key or name that nothing in the same
/// process class can ever produce: <c>GetChild</c>/<c>TryGetChild</c> without a <c>StartChild</c>
/// of that key and <c>GetChildren</c>/<c>GetChildResults</c> without a <c>StartChildren</c> of it
/// (PRC0033), <c>GetEvent</c>/<c>TryGetEvent</c>/<c>HasEvent</c> without a <c>WaitForEvent</c> of
/// that name (PRC0045). When any producer of a family takes a computed key, that family is not
/// judged (the analyzer cannot know every key).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyedLookupAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Each family: the method that produces a key and the methods that look it up.</summary>
    private static readonly Family[] Families =
    [
        new("StartChild", ["GetChild", "TryGetChild"], DiagnosticDescriptors.ChildNeverStarted),
        new("StartChildren", ["GetChildren", "GetChildResults"], DiagnosticDescriptors.ChildNeverStarted),
        new("WaitForEvent", ["GetEvent", "TryGetEvent", "HasEvent"], DiagnosticDescriptors.EventNeverAwaited, "WaitForAnyEvent"),
    ];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ChildNeverStarted, DiagnosticDescriptors.EventNeverAwaited);

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

                    var seen = Families.Select(_ => new FamilyUses()).ToArray();
                    typeStart.RegisterSyntaxNodeAction(
                        nodeContext => Record((InvocationExpressionSyntax)nodeContext.Node, nodeContext, stepContext, symbols.OutlineBuilder, seen),
                        SyntaxKind.InvocationExpression);
                    typeStart.RegisterSymbolEndAction(end =>
                    {
                        for (var i = 0; i < Families.Length; i++)
                        {
                            if (seen[i].AnyComputedKey)
                            {
                                continue;
                            }

                            foreach (var (key, location) in seen[i].Lookups)
                            {
                                if (!seen[i].Produced.ContainsKey(key))
                                {
                                    end.ReportDiagnostic(Diagnostic.Create(Families[i].Descriptor, location, type.Name, key, Families[i].Producer));
                                }
                            }
                        }
                    });
                },
                SymbolKind.NamedType);
        });
    }

    private static void Record(InvocationExpressionSyntax call, SyntaxNodeAnalysisContext context, INamedTypeSymbol stepContext, INamedTypeSymbol? outlineBuilder, FamilyUses[] seen)
    {
        var name = call.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
        if (name is null || call.ArgumentList.Arguments.Count == 0)
        {
            return;
        }

        var family = System.Array.FindIndex(Families, candidate => candidate.Producer == name || candidate.ManyProducer == name || candidate.Lookups.Contains(name));
        if (family < 0)
        {
            return;
        }

        // Syntax plus candidate symbols, like the launch graph: the call binds only once the
        // generator has made the child an IProcessDefinition, which an editing session may lag.
        var info = context.SemanticModel.GetSymbolInfo(call, context.CancellationToken);
        var method = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
        var onStepContext = method is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, stepContext);
        var onOutline = method is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, outlineBuilder);
        var isProducer = name == Families[family].Producer || name == Families[family].ManyProducer;
        // Lookups are StepContext's; an event wait is produced by a step or by the outline.
        if (!(onStepContext || (onOutline && isProducer && Families[family].ManyProducer is not null)))
        {
            return;
        }

        var keyArgument = call.ArgumentList.Arguments[0].Expression;
        var uses = seen[family];
        if (name == Families[family].ManyProducer)
        {
            RecordMany(keyArgument, context, uses);
            return;
        }

        var key = ConstantText(keyArgument, context);
        if (isProducer)
        {
            if (key is null)
            {
                uses.AnyComputedKey = true;
            }
            else
            {
                uses.Produced[key] = true;
            }
        }
        else if (key is not null)
        {
            uses.Lookups.Add((key, keyArgument.GetLocation()));
        }
    }

    /// <summary>Names produced by a list argument (<c>["a", "b"]</c> or <c>new[] { "a", "b" }</c>); any element not a constant makes the family computed.</summary>
    private static void RecordMany(ExpressionSyntax argument, SyntaxNodeAnalysisContext context, FamilyUses uses)
    {
        var elements = argument switch
        {
            CollectionExpressionSyntax collection => collection.Elements.Select(element => (element as ExpressionElementSyntax)?.Expression).ToList(),
            ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions.Select(element => (ExpressionSyntax?)element).ToList(),
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Select(element => (ExpressionSyntax?)element).ToList(),
            _ => null,
        };
        if (elements is null)
        {
            uses.AnyComputedKey = true;
            return;
        }

        foreach (var element in elements)
        {
            if (element is not null && ConstantText(element, context) is { } key)
            {
                uses.Produced[key] = true;
            }
            else
            {
                uses.AnyComputedKey = true;
            }
        }
    }

    private static string? ConstantText(ExpressionSyntax expression, SyntaxNodeAnalysisContext context) =>
        context.SemanticModel.GetConstantValue(expression, context.CancellationToken) is { HasValue: true, Value: string text } ? text : null;

    private sealed class Family(string producer, string[] lookups, DiagnosticDescriptor descriptor, string? manyProducer = null)
    {
        public string Producer { get; } = producer;

        /// <summary>The producer that takes a list of keys (the outline's any-of event wait).</summary>
        public string? ManyProducer { get; } = manyProducer;

        public string[] Lookups { get; } = lookups;

        public DiagnosticDescriptor Descriptor { get; } = descriptor;
    }

    /// <summary>What one process class does with one family; filled concurrently by syntax actions.</summary>
    private sealed class FamilyUses
    {
        public ConcurrentDictionary<string, bool> Produced { get; } = new();

        public ConcurrentBag<(string Key, Location Location)> Lookups { get; } = new();

        public volatile bool AnyComputedKey;
    }
}
