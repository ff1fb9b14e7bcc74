using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// PRC0001: adds <c>partial</c> to the process or task class, or to a type that contains it (each
/// non-partial type has its own diagnostic). PRC0028: adds <c>partial</c> to the data or
/// namespace type and to every type containing it (one diagnostic covers them all), offered only
/// when <c>partial</c> is the whole fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix))]
[Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NotPartialId, DiagnosticDescriptors.DataTypeNotGeneratedId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = SyntaxLookup.Enclosing<TypeDeclarationSyntax>(root, diagnostic.Location.SourceSpan.Start);
            if (root is null || declaration is null)
            {
                continue;
            }

            IEnumerable<TypeDeclarationSyntax> targets;
            if (diagnostic.Id == DiagnosticDescriptors.DataTypeNotGeneratedId)
            {
                if (!diagnostic.Properties.ContainsKey(DataTypeDeclarationAnalyzer.MakePartialProperty))
                {
                    continue;
                }

                targets = declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().ToList();
            }
            else
            {
                targets = new[] { declaration };
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{declaration.Identifier.ValueText}' partial",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(
                        root.ReplaceNodes(targets, (_, rewritten) => Modifiers.AddPartial(rewritten)))),
                    nameof(MakePartialCodeFix)),
                diagnostic);
        }
    }
}
