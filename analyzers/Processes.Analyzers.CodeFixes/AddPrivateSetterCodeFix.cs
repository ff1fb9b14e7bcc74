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

/// <summary>PRC0007: gives an output auto-property a <c>private set</c> accessor, replacing an <c>init</c> accessor if there is one.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPrivateSetterCodeFix))]
[Shared]
public sealed class AddPrivateSetterCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.OutputWithoutSetterId);

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

        // An init accessor is replaced: a property cannot have both init and set.
        var accessors = property.AccessorList.Accessors.Where(accessor => !accessor.IsKind(SyntaxKind.InitAccessorDeclaration));
        var setter = PropertyAccessors.Create(SyntaxKind.SetAccessorDeclaration, SyntaxKind.PrivateKeyword);
        var updated = property
            .WithAccessorList(property.AccessorList.WithAccessors(SyntaxFactory.List(accessors.Append(setter))).WithAdditionalAnnotations(Formatter.Annotation));
        context.RegisterCodeFix(
            CodeAction.Create(
                "Add 'private set' accessor",
                cancellationToken => Formatter.FormatAsync(context.Document.WithSyntaxRoot(root.ReplaceNode(property, updated)), Formatter.Annotation, cancellationToken: cancellationToken),
                nameof(AddPrivateSetterCodeFix)),
            context.Diagnostics);
    }
}
