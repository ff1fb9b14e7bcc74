using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>PRC0014: marks a state field <c>[Transient]</c>, taking it out of checkpoints.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkTransientCodeFix))]
[Shared]
public sealed class MarkTransientCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnsupportedStateTypeId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var field = SyntaxLookup.Enclosing<FieldDeclarationSyntax>(root, context.Span.Start);
        if (root is null || field is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Mark the field [Transient]",
                cancellationToken =>
                {
                    var list = AttributeLists.Parse("global::Processes.Transient").WithTrailingTrivia(SyntaxFactory.Space);
                    var updated = field.WithoutLeadingTrivia()
                        .WithAttributeLists(field.AttributeLists.Insert(0, list.WithLeadingTrivia(field.GetLeadingTrivia())));
                    var document = context.Document.WithSyntaxRoot(root.ReplaceNode(field, updated));
                    return Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken);
                },
                nameof(MarkTransientCodeFix)),
            context.Diagnostics);
    }
}
