using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Rules;

namespace Processes.Analyzers;

/// <summary>
/// Checks the values of <c>[Retry]</c> and <c>[TimeLimit]</c> with the same rules the generator
/// and <c>RetryPolicy</c> apply (shared/RetryRules.cs), so a value reported here is exactly one
/// the generator would leave out.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryAttributeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidRetryOrTimeLimit);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case "Processes.RetryAttribute":
                    Report(context, attribute, type, "Retry", RetryError(attribute));
                    break;
                case "Processes.TimeLimitAttribute":
                    var limitError = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int milliseconds
                        ? RetryRules.CheckTimeLimit(milliseconds)
                        : null;
                    Report(context, attribute, type, "TimeLimit", limitError);
                    break;
            }
        }
    }

    private static string? RetryError(AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length == 1
            && attribute.ConstructorArguments[0].Value is int maxAttempts
            && RetryRules.CheckMaxAttempts(maxAttempts) is { } attemptsError)
        {
            return attemptsError;
        }

        foreach (var argument in attribute.NamedArguments)
        {
            var error = argument.Key switch
            {
                "DelayMilliseconds" when argument.Value.Value is int delay => RetryRules.CheckDelay("DelayMilliseconds", delay),
                "MaxDelayMilliseconds" when argument.Value.Value is int maxDelay => RetryRules.CheckDelay("MaxDelayMilliseconds", maxDelay),
                "BackoffFactor" when argument.Value.Value is double factor => RetryRules.CheckBackoffFactor(factor),
                "RetryOn" when !argument.Value.IsNull => NotAnException(argument.Value),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? NotAnException(TypedConstant types)
    {
        foreach (var item in types.Values)
        {
            if (item.Value is ITypeSymbol type && !Processes.Shared.ExceptionTypes.IsException(type))
            {
                return $"RetryOn may list exception types only; '{type.ToDisplayString()}' is not one";
            }
        }

        return null;
    }

    private static void Report(SymbolAnalysisContext context, AttributeData attribute, INamedTypeSymbol type, string name, string? error)
    {
        if (error is null)
        {
            return;
        }

        var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations[0];
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidRetryOrTimeLimit, location, name, type.Name, error));
    }
}
