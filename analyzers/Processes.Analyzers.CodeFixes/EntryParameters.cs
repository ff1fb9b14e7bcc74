using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Rewrites the parameter list of a body or outline method to its one context parameter
/// (<c>TaskContext context</c> or <c>OutlineBuilder outline</c>), when that is mechanical: a
/// parameter that already has the right type is kept under its own name, and every parameter
/// that goes away must be unused by the body.
/// </summary>
internal static class EntryParameters
{
    /// <summary>The new parameter list (the same node when it is already right), or null when the change is not mechanical.</summary>
    public static ParameterListSyntax? Rewrite(
        SemanticModel model,
        MethodDeclarationSyntax method,
        IMethodSymbol symbol,
        INamedTypeSymbol parameterType,
        string parameterName,
        CancellationToken cancellationToken)
    {
        var parameters = symbol.Parameters;
        if (parameters.Length == 1 && IsKeepable(parameters[0], parameterType))
        {
            return method.ParameterList;
        }

        var keepable = parameters.Where(parameter => IsKeepable(parameter, parameterType)).ToList();
        var kept = keepable.Count == 1 ? keepable[0] : null;
        var removed = parameters.Where(parameter => !SymbolEqualityComparer.Default.Equals(parameter, kept));
        if (FunctionBodies.UsesAny(model, method, removed, cancellationToken))
        {
            return null;
        }

        ParameterSyntax parameter;
        if (kept is not null)
        {
            parameter = method.ParameterList.Parameters[kept.Ordinal].WithoutTrivia();
        }
        else if (FunctionBodies.MentionsName(method, parameterName))
        {
            return null;
        }
        else
        {
            var type = SyntaxFactory.ParseTypeName(parameterType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .WithTrailingTrivia(SyntaxFactory.Space)
                .WithAdditionalAnnotations(Simplifier.Annotation);
            parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameterName)).WithType(type);
        }

        return method.ParameterList.WithParameters(SyntaxFactory.SingletonSeparatedList(parameter));
    }

    private static bool IsKeepable(IParameterSymbol parameter, INamedTypeSymbol parameterType) =>
        parameter.RefKind == RefKind.None
        && !parameter.IsParams
        && SymbolEqualityComparer.Default.Equals(parameter.Type, parameterType);
}
