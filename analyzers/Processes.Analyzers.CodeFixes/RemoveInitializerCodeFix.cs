using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// PRC0012: removes the initializer of a <c>required</c> port. The fix keeps <c>required</c>
/// because it is the explicit statement of intent; the initializer could never apply anyway.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveInitializerCodeFix))]
[Shared]
public sealed class RemoveInitializerCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.RequiredWithInitializerId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var property = SyntaxLookup.Enclosing<PropertyDeclarationSyntax>(root, context.Span.Start);
        if (root is null || property?.Initializer is null || property.AccessorList is null)
        {
            return;
        }

        // "{ get; init; } = 5;" becomes "{ get; init; }": the initializer and its semicolon go, the accessor list keeps the line's end.
        var updated = property
            .WithInitializer(null)
            .WithSemicolonToken(default)
            .WithAccessorList(property.AccessorList.WithTrailingTrivia(property.SemicolonToken.TrailingTrivia));
        context.RegisterCodeFix(
            CodeAction.Create(
                "Remove the initializer",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(property, updated))),
                nameof(RemoveInitializerCodeFix)),
            context.Diagnostics);
    }
}
