using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>PRC0006: adds an <c>init</c> accessor to an input auto-property that has only a getter.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddInitAccessorCodeFix))]
[Shared]
public sealed class AddInitAccessorCodeFix : AutoPropertyAccessorCodeFix
{
    /// <summary>Creates the fix.</summary>
    public AddInitAccessorCodeFix()
        : base(DiagnosticDescriptors.InputNotSettableId, "Add 'init' accessor", nameof(AddInitAccessorCodeFix))
    {
    }

    private protected override AccessorListSyntax Rewrite(AccessorListSyntax accessors) =>
        accessors.AddAccessors(PropertyAccessors.Create(SyntaxKind.InitAccessorDeclaration));
}
