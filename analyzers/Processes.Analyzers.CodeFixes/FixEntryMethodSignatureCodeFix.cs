using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// PRC0005: changes a body or outline method to the signature the generator calls, only where the
/// change is mechanical. A task body gets the <c>ValueTask</c> return type
/// (<see cref="TaskBodyReturnType"/>) and the <c>TaskContext</c> parameter; an outline gets the
/// <c>OutlineBuilder</c> parameter (<see cref="EntryParameters"/>). No fix for a static, generic,
/// virtual or overloaded method, nor for one that other code calls: its callers would break.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixEntryMethodSignatureCodeFix))]
[Shared]
public sealed class FixEntryMethodSignatureCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.WrongEntryMethodSignatureId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var cancellationToken = context.CancellationToken;
        var root = await context.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var method = SyntaxLookup.Enclosing<MethodDeclarationSyntax>(root, context.Span.Start);
        if (root is null || model is null || method is null
            || model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol symbol
            || KnownSymbols.TryCreate(model.Compilation) is not { } symbols
            || !CanChangeSignature(symbol))
        {
            return;
        }

        var kind = symbols.GetKind(symbol.ContainingType);
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        string signature;
        if (kind == "Task" && symbols.TaskContext is { } taskContext)
        {
            signature = EntryMethod.BodySignature;
            if (!TaskBodyReturnType.TryRewrite(model, method, symbol, symbols, replacements, cancellationToken)
                || !TryRewriteParameters(model, method, symbol, taskContext, "context", replacements, cancellationToken))
            {
                return;
            }
        }
        else if (kind == "Process" && symbols.OutlineBuilder is { } outlineBuilder && symbol.ReturnsVoid)
        {
            signature = EntryMethod.OutlineSignature;
            if (!TryRewriteParameters(model, method, symbol, outlineBuilder, "outline", replacements, cancellationToken))
            {
                return;
            }
        }
        else
        {
            return;
        }

        if (replacements.Count == 0 || await IsReferencedAsync(symbol, context.Document.Project.Solution, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Change the signature to '{signature}'",
                token => ApplyAsync(context.Document, root, method, replacements, token),
                nameof(FixEntryMethodSignatureCodeFix)),
            context.Diagnostics);
    }

    // Only a plain instance method can change shape without touching anything but itself.
    private static bool CanChangeSignature(IMethodSymbol method) =>
        method is { MethodKind: MethodKind.Ordinary, IsStatic: false, IsGenericMethod: false, IsVirtual: false, IsOverride: false, IsAbstract: false, IsExtern: false, PartialDefinitionPart: null, PartialImplementationPart: null }
        && method.ExplicitInterfaceImplementations.IsEmpty
        && method.ContainingType.GetMembers(method.Name).Length == 1;

    private static bool TryRewriteParameters(
        SemanticModel model,
        MethodDeclarationSyntax method,
        IMethodSymbol symbol,
        INamedTypeSymbol parameterType,
        string parameterName,
        Dictionary<SyntaxNode, SyntaxNode> replacements,
        CancellationToken cancellationToken)
    {
        var parameters = EntryParameters.Rewrite(model, method, symbol, parameterType, parameterName, cancellationToken);
        if (parameters is null)
        {
            return false;
        }

        if (parameters != method.ParameterList)
        {
            replacements[method.ParameterList] = parameters;
        }

        return true;
    }

    private static async Task<bool> IsReferencedAsync(IMethodSymbol method, Solution solution, CancellationToken cancellationToken)
    {
        var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
        return references.Any(reference => reference.Locations.Any());
    }

    private static async Task<Document> ApplyAsync(
        Document document,
        SyntaxNode root,
        MethodDeclarationSyntax method,
        Dictionary<SyntaxNode, SyntaxNode> replacements,
        CancellationToken cancellationToken)
    {
        var rewritten = method.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        var updated = document.WithSyntaxRoot(root.ReplaceNode(method, rewritten));
        updated = await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(updated, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
