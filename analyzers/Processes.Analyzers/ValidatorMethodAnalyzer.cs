using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Shared;

namespace Processes.Analyzers;

/// <summary>
/// Checks that every <c>[Validator(nameof(M))]</c> names a static method of the same type (or a
/// base type) that takes the validated value and returns <c>string?</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValidatorMethodAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidValidatorMethod);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.TryCreate(start.Compilation);
            if (symbols?.ValidatorAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, symbols), SymbolKind.NamedType, SymbolKind.Property);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, KnownSymbols symbols)
    {
        var (owner, valueType) = context.Symbol switch
        {
            IPropertySymbol property => (property.ContainingType, property.Type),
            INamedTypeSymbol type => (type, (ITypeSymbol)type),
            _ => default,
        };
        if (owner is null)
        {
            return;
        }

        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.ValidatorAttribute)
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not string methodName)
            {
                continue;
            }

            var problem = SupportRules.ValidatorProblem(symbols.Compilation, owner, methodName, valueType);
            if (problem is null)
            {
                continue;
            }

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken);
            var location = syntax is AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } arguments }
                ? arguments[0].Expression.GetLocation()
                : syntax?.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidValidatorMethod, location, methodName, context.Symbol.Name, problem));
        }
    }
}
