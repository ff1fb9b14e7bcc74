using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Processes.Analyzers.CodeFixes;

/// <summary>The shared shape of the fixes that change an auto-property's accessors (PRC0006, PRC0007).</summary>
public abstract class AutoPropertyAccessorCodeFix : CodeFixProvider
{
    private readonly string _title;
    private readonly string _equivalenceKey;

    /// <summary>Creates the fix.</summary>
    private protected AutoPropertyAccessorCodeFix(string diagnosticId, string title, string equivalenceKey)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _title = title;
        _equivalenceKey = equivalenceKey;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var property = SyntaxLookup.Enclosing<PropertyDeclarationSyntax>(root, context.Span.Start);
        if (root is null || property?.AccessorList is null || !PropertyAccessors.IsAutoProperty(property))
        {
            return;
        }

        var updated = property.WithAccessorList(Rewrite(property.AccessorList).WithAdditionalAnnotations(Formatter.Annotation));
        context.RegisterCodeFix(
            CodeAction.Create(
                _title,
                cancellationToken => Formatter.FormatAsync(context.Document.WithSyntaxRoot(root.ReplaceNode(property, updated)), Formatter.Annotation, cancellationToken: cancellationToken),
                _equivalenceKey),
            context.Diagnostics);
    }

    /// <summary>The property's new accessor list.</summary>
    private protected abstract AccessorListSyntax Rewrite(AccessorListSyntax accessors);
}
