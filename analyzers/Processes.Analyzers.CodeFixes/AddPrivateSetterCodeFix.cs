using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>PRC0007: gives an output auto-property a <c>private set</c> accessor, replacing an <c>init</c> accessor if there is one.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPrivateSetterCodeFix))]
[Shared]
public sealed class AddPrivateSetterCodeFix : AutoPropertyAccessorCodeFix
{
    /// <summary>Creates the fix.</summary>
    public AddPrivateSetterCodeFix()
        : base(DiagnosticDescriptors.OutputWithoutSetterId, "Add 'private set' accessor", nameof(AddPrivateSetterCodeFix))
    {
    }

    private protected override AccessorListSyntax Rewrite(AccessorListSyntax accessors)
    {
        // An init accessor is replaced: a property cannot have both init and set.
        var kept = accessors.Accessors.Where(accessor => !accessor.IsKind(SyntaxKind.InitAccessorDeclaration));
        var setter = PropertyAccessors.Create(SyntaxKind.SetAccessorDeclaration, SyntaxKind.PrivateKeyword);
        return accessors.WithAccessors(SyntaxFactory.List(kept.Append(setter)));
    }
}
