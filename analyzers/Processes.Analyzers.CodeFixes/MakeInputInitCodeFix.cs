using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>PRC0031: turns an input auto-property's <c>set</c> accessor into <c>init</c>, keeping its modifiers.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeInputInitCodeFix))]
[Shared]
public sealed class MakeInputInitCodeFix : AutoPropertyAccessorCodeFix
{
    /// <summary>Creates the fix.</summary>
    public MakeInputInitCodeFix()
        : base(DiagnosticDescriptors.SettableInputId, "Make the input 'init'", nameof(MakeInputInitCodeFix))
    {
    }

    private protected override AccessorListSyntax Rewrite(AccessorListSyntax accessors)
    {
        var setter = accessors.Accessors.First(accessor => accessor.IsKind(SyntaxKind.SetAccessorDeclaration));
        var init = SyntaxFactory.AccessorDeclaration(SyntaxKind.InitAccessorDeclaration)
            .WithAttributeLists(setter.AttributeLists)
            .WithModifiers(setter.Modifiers)
            .WithKeyword(SyntaxFactory.Token(setter.Keyword.LeadingTrivia, SyntaxKind.InitKeyword, setter.Keyword.TrailingTrivia))
            .WithSemicolonToken(setter.SemicolonToken);
        return accessors.ReplaceNode(setter, init);
    }
}
