using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>Shared checks for the accessor fixes: they only touch auto-properties, where adding an accessor is mechanical.</summary>
internal static class PropertyAccessors
{
    /// <summary>Whether the property is an auto-property (accessors without bodies), so an accessor can be added as is.</summary>
    public static bool IsAutoProperty(PropertyDeclarationSyntax property) =>
        property.AccessorList is { } accessors
        && accessors.Accessors.Count > 0
        && accessors.Accessors.All(accessor => accessor.Body is null && accessor.ExpressionBody is null);

    /// <summary>An accessor like <c>init;</c> or <c>private set;</c>.</summary>
    public static AccessorDeclarationSyntax Create(SyntaxKind kind, params SyntaxKind[] modifiers)
    {
        var accessor = SyntaxFactory.AccessorDeclaration(kind).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken));
        foreach (var modifier in modifiers)
        {
            accessor = accessor.AddModifiers(SyntaxFactory.Token(modifier));
        }

        return accessor;
    }
}
