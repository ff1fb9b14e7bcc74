using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Fix All for PRC0022. The batch fixer merges independent fixes and drops overlapping ones, but
/// the first fix of a wait in a method that is not yet <c>async</c> rewrites the whole method, so
/// every other wait of that method was left. This provider fixes one wait at a time instead, each
/// on the document the previous fix produced, and re-runs <see cref="BlockingWaitAnalyzer"/> after
/// each, until no wait it can fix is left (a wait inside a <c>lock</c> or a method that cannot be
/// made async stays, as with the single fix). Both kinds of action (use <c>await</c>, make the
/// method async) are applied, whichever was invoked.
/// </summary>
internal sealed class BlockingWaitFixAllProvider : FixAllProvider
{
    public static BlockingWaitFixAllProvider Instance { get; } = new();

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var documents = await DocumentsWithDiagnosticsAsync(fixAllContext).ConfigureAwait(false);
        if (documents.Count == 0)
        {
            return null;
        }

        return CodeAction.Create(
            "Replace every blocking wait with 'await'",
            async cancellationToken =>
            {
                var solution = fixAllContext.Solution;
                foreach (var documentId in documents)
                {
                    var document = await FixDocumentAsync(solution.GetDocument(documentId)!, cancellationToken).ConfigureAwait(false);
                    solution = document.Project.Solution;
                }

                return solution;
            },
            nameof(BlockingWaitFixAllProvider));
    }

    private static async Task<List<DocumentId>> DocumentsWithDiagnosticsAsync(FixAllContext context)
    {
        var diagnostics = await FixAllDiagnostics.CollectAsync(context).ConfigureAwait(false);
        return diagnostics
            .Where(diagnostic => diagnostic.Id == DiagnosticDescriptors.BlockingWaitId && diagnostic.Location.SourceTree is not null)
            .Select(diagnostic => context.Solution.GetDocumentId(diagnostic.Location.SourceTree))
            .Where(id => id is not null)
            .Select(id => id!)
            .Distinct()
            .ToList();
    }

    private static async Task<Document> FixDocumentAsync(Document document, CancellationToken cancellationToken)
    {
        // Each fix removes one wait, so the loop ends; the bound only guards against a fix that does not.
        var bound = (await BlockingWaitsAsync(document, cancellationToken).ConfigureAwait(false)).Length + 1;
        for (var round = 0; round < bound; round++)
        {
            BlockingWaitFix? fix = null;
            foreach (var diagnostic in await BlockingWaitsAsync(document, cancellationToken).ConfigureAwait(false))
            {
                fix = await BlockingWaitCodeFix.TryCreateFixAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                if (fix is not null)
                {
                    break;
                }
            }

            if (fix is null)
            {
                break;
            }

            document = await fix.ApplyAsync(cancellationToken).ConfigureAwait(false);
        }

        return document;
    }

    private static async Task<ImmutableArray<Diagnostic>> BlockingWaitsAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        var withAnalyzer = model.Compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new BlockingWaitAnalyzer()),
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty));
        var diagnostics = await withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false);
        return diagnostics
            .Where(diagnostic => diagnostic.Id == DiagnosticDescriptors.BlockingWaitId)
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ToImmutableArray();
    }
}
