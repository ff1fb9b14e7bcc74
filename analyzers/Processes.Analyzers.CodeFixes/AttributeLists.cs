using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Builds the attribute lists and line breaks fixes insert. Attribute lists are parsed rather
/// than built with <see cref="SyntaxFactory"/>, whose elastic trivia would let the simplifier
/// reformat the whole declaration.
/// </summary>
internal static class AttributeLists
{
    /// <summary><c>[Name]</c>, with the name marked for simplification (<c>global::Processes.Transient</c> becomes <c>Transient</c> under <c>using Processes;</c>).</summary>
    public static AttributeListSyntax Parse(string qualifiedName)
    {
        var member = (FieldDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration($"[{qualifiedName}] int x;")!;
        var list = member.AttributeLists[0].WithoutTrivia();
        var name = list.Attributes[0].Name;
        return list.ReplaceNode(name, name.WithAdditionalAnnotations(Simplifier.Annotation));
    }

    /// <summary>A line break in the style the file already uses.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        var existing = node.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing : SyntaxFactory.EndOfLine("\n");
    }
}
