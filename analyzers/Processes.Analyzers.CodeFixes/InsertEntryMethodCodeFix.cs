using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// PRC0004: inserts the missing body (<c>RunAsync</c>) or outline (<c>DefineOutline</c>) method,
/// with a body that compiles and does nothing yet.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertEntryMethodCodeFix))]
[Shared]
public sealed class InsertEntryMethodCodeFix : CodeFixProvider
{
    private const string TaskBody = """
        private global::System.Threading.Tasks.ValueTask RunAsync(global::Processes.TaskContext context)
        {
            return default;
        }
        """;

    private const string ProcessOutline = """
        private void DefineOutline(global::Processes.OutlineBuilder outline)
        {
        }
        """;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingEntryMethodId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var declaration = SyntaxLookup.Enclosing<TypeDeclarationSyntax>(root, context.Span.Start);
        if (declaration is null)
        {
            return;
        }

        var isTask = context.Diagnostics[0].Properties.TryGetValue(ProcessDeclarationAnalyzer.KindProperty, out var kind) && kind == "Task";
        var title = isTask ? "Add 'ValueTask RunAsync(TaskContext context)'" : "Add 'void DefineOutline(OutlineBuilder outline)'";
        context.RegisterCodeFix(
            CodeAction.Create(
                title,
                cancellationToken => InsertAsync(context.Document, declaration, isTask ? TaskBody : ProcessOutline, cancellationToken),
                nameof(InsertEntryMethodCodeFix)),
            context.Diagnostics);
    }

    private static async Task<Document> InsertAsync(Document document, TypeDeclarationSyntax declaration, string methodText, CancellationToken cancellationToken)
    {
        var method = (MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(methodText)!;
        if (declaration.Members.Count > 0)
        {
            // A blank line separates the new method from the members before it.
            method = method.WithLeadingTrivia(AttributeLists.EndOfLine(declaration));
        }

        method = method.WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var updated = document.WithSyntaxRoot(root!.ReplaceNode(declaration, declaration.AddMembers(method)));
        updated = await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(updated, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
