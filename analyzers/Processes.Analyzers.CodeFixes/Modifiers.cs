using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Adds the <c>partial</c> modifier where C# requires it (last, right before the type keyword) and
/// the <c>async</c> modifier (last, right before the return type).
/// </summary>
internal static class Modifiers
{
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return declaration;
        }

        if (declaration.Modifiers.Count == 0)
        {
            // The declaration's leading trivia (indentation, comments, attributes aside) sits on the
            // keyword; move it to the new first token so the layout is kept.
            var keyword = declaration.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(
            SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }

    public static MethodDeclarationSyntax AddAsync(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return method;
        }

        if (method.Modifiers.Count == 0)
        {
            // As for 'partial': the indentation sits on the return type and moves to the new first token.
            var returnType = method.ReturnType;
            var asyncKeyword = SyntaxFactory.Token(returnType.GetLeadingTrivia(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return method
                .WithReturnType(returnType.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(asyncKeyword));
        }

        return method.WithModifiers(method.Modifiers.Add(
            SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}
