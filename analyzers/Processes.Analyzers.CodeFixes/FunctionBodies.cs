using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Questions the signature-changing fixes ask about a method's own body. Nested lambdas and local
/// functions have their own returns, so they are not part of the method's control flow.
/// </summary>
internal static class FunctionBodies
{
    /// <summary>The <c>return</c> statements that leave <paramref name="body"/> itself, not a nested function.</summary>
    public static IEnumerable<ReturnStatementSyntax> OwnReturns(SyntaxNode body) =>
        body.DescendantNodes(node => node == body || !IsNestedFunction(node)).OfType<ReturnStatementSyntax>();

    /// <summary>Whether any parameter of <paramref name="parameters"/> is referenced anywhere in the method (nested functions included).</summary>
    public static bool UsesAny(SemanticModel model, MethodDeclarationSyntax method, IEnumerable<IParameterSymbol> parameters, CancellationToken cancellationToken)
    {
        var set = new HashSet<IParameterSymbol>(parameters, SymbolEqualityComparer.Default);
        if (set.Count == 0)
        {
            return false;
        }

        return Bodies(method)
            .SelectMany(body => body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            .Any(name => model.GetSymbolInfo(name, cancellationToken).Symbol is IParameterSymbol parameter && set.Contains(parameter));
    }

    /// <summary>
    /// Whether <paramref name="name"/> appears as any token of the method body. A new parameter of
    /// that name could then clash with a local or silently hide a field, so the fix is not mechanical.
    /// </summary>
    public static bool MentionsName(MethodDeclarationSyntax method, string name) =>
        Bodies(method).SelectMany(body => body.DescendantTokens()).Any(token => token.ValueText == name);

    public static bool IsNestedFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    private static IEnumerable<SyntaxNode> Bodies(MethodDeclarationSyntax method)
    {
        if (method.Body is not null)
        {
            yield return method.Body;
        }

        if (method.ExpressionBody is not null)
        {
            yield return method.ExpressionBody;
        }
    }

    /// <summary>Whether the method is declared <c>async</c>.</summary>
    public static bool IsAsync(MethodDeclarationSyntax method) => method.Modifiers.Any(SyntaxKind.AsyncKeyword);
}
