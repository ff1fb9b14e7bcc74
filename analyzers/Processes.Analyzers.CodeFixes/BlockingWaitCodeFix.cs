using System;
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
/// PRC0022: replaces a blocking wait with <c>await</c>. Offered only where the rewrite is
/// mechanical: inside a function that is already <c>async</c>. <c>.Result</c> and
/// <c>.GetAwaiter().GetResult()</c> become <c>await task</c>, a parameterless <c>.Wait()</c> becomes
/// <c>await task</c>, and <c>Thread.Sleep(x)</c> becomes <c>await Task.Delay(x, context.CancellationToken)</c>
/// when a process or task context is in scope (else <c>await Task.Delay(x)</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitCodeFix))]
[Shared]
public sealed class BlockingWaitCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingWaitId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue(BlockingWaitAnalyzer.KindProperty, out var kindText)
            || !Enum.TryParse<BlockingWaitKind>(kindText, out var kind))
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(context.Span, getInnermostNodeForTie: true) as ExpressionSyntax;
        if (root is null || node is null || !IsInAsyncFunction(node))
        {
            return;
        }

        var replacement = kind switch
        {
            BlockingWaitKind.Result when node is MemberAccessExpressionSyntax access => Await(access.Expression),
            BlockingWaitKind.GetResult when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax awaiter } } } => Await(awaiter.Expression),
            BlockingWaitKind.Wait when node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax wait } => Await(wait.Expression),
            _ => null,
        };

        if (kind == BlockingWaitKind.Sleep && node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } sleepCall)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use 'await Task.Delay'",
                    cancellationToken => ReplaceSleepAsync(context.Document, sleepCall, cancellationToken),
                    nameof(BlockingWaitCodeFix)),
                diagnostic);
            return;
        }

        if (replacement is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Use 'await'",
                cancellationToken => ReplaceAsync(context.Document, root, node, replacement, cancellationToken),
                nameof(BlockingWaitCodeFix)),
            diagnostic);
    }

    private static bool IsInAsyncFunction(SyntaxNode node)
    {
        var function = node.Ancestors().FirstOrDefault(ancestor =>
            ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax);
        return function switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            _ => false,
        };
    }

    // Parenthesized so "task.Result.Length" stays correct; the simplifier drops the parentheses where they are not needed.
    private static ExpressionSyntax Await(ExpressionSyntax task) =>
        SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(task.WithoutTrivia()))
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static Task<Document> ReplaceAsync(Document document, SyntaxNode root, ExpressionSyntax node, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var updated = document.WithSyntaxRoot(root.ReplaceNode(node, replacement.WithTriviaFrom(node)));
        return Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken);
    }

    private static async Task<Document> ReplaceSleepAsync(Document document, InvocationExpressionSyntax sleep, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var delayArguments = sleep.ArgumentList.Arguments;
        if (model is not null && FindContextName(model, sleep, cancellationToken) is { } contextName)
        {
            delayArguments = delayArguments.Add(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(contextName + ".CancellationToken")));
        }

        var delay = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.Delay").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.ArgumentList(delayArguments));
        var awaited = SyntaxFactory.AwaitExpression(delay).WithTriviaFrom(sleep);
        var updated = document.WithSyntaxRoot(root!.ReplaceNode(sleep, awaited));
        return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // The nearest parameter in scope whose type derives from Processes.ProcessContext (a StepContext or TaskContext).
    private static string? FindContextName(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var processContext = model.Compilation.GetTypeByMetadataName("Processes.ProcessContext");
        for (var symbol = model.GetEnclosingSymbol(node.SpanStart, cancellationToken); symbol is IMethodSymbol method; symbol = method.ContainingSymbol)
        {
            foreach (var parameter in method.Parameters)
            {
                for (var type = parameter.Type as INamedTypeSymbol; type is not null; type = type.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(type, processContext))
                    {
                        return parameter.Name;
                    }
                }
            }
        }

        return null;
    }
}
