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
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// PRC0013/PRC0014: marks the unsupported user type <c>[ProcessData]</c> and makes it (and the
/// types containing it) partial, so the generator writes its serializer. The type may be declared
/// in another document than the diagnostic.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkProcessDataCodeFix))]
[Shared]
public sealed class MarkProcessDataCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedPortTypeId, DiagnosticDescriptors.UnsupportedStateTypeId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => MarkProcessDataFixAllProvider.Instance;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(SerializationAnalyzer.MarkableTypeProperty, out var metadataName) && metadataName is not null)
            {
                var shortName = metadataName.Split('.', '+').Last().Split('`')[0];
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Mark '{shortName}' [ProcessData]",
                        cancellationToken => MarkAsync(context.Document.Project.Solution, context.Document.Project.Id, metadataName, cancellationToken),
                        nameof(MarkProcessDataCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Marks the type named <paramref name="metadataName"/> in the project <c>[ProcessData]</c> and makes it and its containing types partial.</summary>
    internal static async Task<Solution> MarkAsync(Solution solution, ProjectId projectId, string metadataName, CancellationToken cancellationToken)
    {
        var compilation = await solution.GetProject(projectId)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        var type = compilation?.GetTypeByMetadataName(metadataName);
        if (type is null)
        {
            return solution;
        }

        var declarations = type.DeclaringSyntaxReferences;
        for (var index = 0; index < declarations.Length; index++)
        {
            var reference = declarations[index];
            var document = solution.GetDocument(reference.SyntaxTree);
            if (document is null)
            {
                continue;
            }

            var root = await reference.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var declaration = (TypeDeclarationSyntax)reference.GetSyntax(cancellationToken);
            var containers = declaration.Ancestors().OfType<TypeDeclarationSyntax>().ToList();
            root = root.ReplaceNodes(
                containers.Append(declaration),
                (original, rewritten) =>
                {
                    var partial = Modifiers.AddPartial((TypeDeclarationSyntax)rewritten);
                    return original == declaration && index == 0 ? AddAttribute(partial) : partial;
                });
            document = document.WithSyntaxRoot(root);
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = document.Project.Solution;
        }

        return solution;
    }

    // The attribute goes on the first declaration only; a partial type may not repeat it.
    private static TypeDeclarationSyntax AddAttribute(TypeDeclarationSyntax declaration)
    {
        var leading = declaration.GetLeadingTrivia();
        var indentation = leading.LastOrDefault(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia));
        var list = AttributeLists.Parse("global::Processes.ProcessData")
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(AttributeLists.EndOfLine(declaration));
        var rest = indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation);
        return declaration.WithoutLeadingTrivia().WithLeadingTrivia(rest).WithAttributeLists(declaration.AttributeLists.Insert(0, list));
    }
}
