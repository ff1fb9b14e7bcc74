using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Processes.Analyzers.CodeFixes;

/// <summary>PRC0006: adds an <c>init</c> accessor to an input auto-property that has only a getter.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddInitAccessorCodeFix))]
[Shared]
public sealed class AddInitAccessorCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InputNotSettableId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var property = root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<PropertyDeclarationSyntax>().FirstOrDefault();
        if (root is null || property?.AccessorList is null || !PropertyAccessors.IsAutoProperty(property))
        {
            return;
        }

        var updated = property
            .WithAccessorList(property.AccessorList.AddAccessors(PropertyAccessors.Create(SyntaxKind.InitAccessorDeclaration)).WithAdditionalAnnotations(Formatter.Annotation));
        context.RegisterCodeFix(
            CodeAction.Create(
                "Add 'init' accessor",
                cancellationToken => Formatter.FormatAsync(context.Document.WithSyntaxRoot(root.ReplaceNode(property, updated)), Formatter.Annotation, cancellationToken: cancellationToken),
                nameof(AddInitAccessorCodeFix)),
            context.Diagnostics);
    }
}
