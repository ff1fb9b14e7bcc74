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
/// PRC0022: replaces a blocking wait with <c>await</c>, where the rewrite is mechanical.
/// <c>.Result</c> and <c>.GetAwaiter().GetResult()</c> become <c>await task</c>, a parameterless
/// <c>.Wait()</c> becomes <c>await task</c>, and <c>Thread.Sleep(x)</c> becomes
/// <c>await Task.Delay(x, context.CancellationToken)</c> when a process or task context is in
/// scope (else <c>await Task.Delay(x)</c>). Inside a function that is already <c>async</c> only the
/// wait changes; inside a method that is not, the method is made <c>async</c> too when
/// <see cref="AsyncConversion"/> finds that mechanical. No fix inside a <c>lock</c> or a query,
/// where C# does not allow <c>await</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingWaitCodeFix))]
[Shared]
public sealed class BlockingWaitCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.BlockingWaitId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => BlockingWaitFixAllProvider.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (await TryCreateFixAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } fix)
        {
            context.RegisterCodeFix(CodeAction.Create(fix.Title, fix.ApplyAsync, fix.EquivalenceKey), diagnostic);
        }
    }

    /// <summary>
    /// The fix of one PRC0022 diagnostic in <paramref name="document"/>, or null where the rewrite is
    /// not mechanical. Fix All (<see cref="BlockingWaitFixAllProvider"/>) applies these one at a time.
    /// </summary>
    internal static async Task<BlockingWaitFix?> TryCreateFixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(BlockingWaitAnalyzer.KindProperty, out var kindText)
            || !Enum.TryParse<BlockingWaitKind>(kindText, out var kind))
        {
            return null;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;
        var function = node?.Ancestors().FirstOrDefault(ancestor => FunctionBodies.IsNestedFunction(ancestor) || ancestor is MethodDeclarationSyntax);
        if (root is null || node is null || function is null || !IsReplaceable(kind, node) || ForbidsAwait(node, function))
        {
            return null;
        }

        var wait = kind == BlockingWaitKind.Sleep ? "'await Task.Delay'" : "'await'";
        if (IsAsync(function))
        {
            return new BlockingWaitFix(
                "Use " + wait,
                nameof(BlockingWaitCodeFix),
                token => ReplaceAsync(document, root, node, node, kind, conversion: null, token));
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (function is not MethodDeclarationSyntax method
            || model is null
            || await AsyncConversion.TryCreateAsync(document, model, method, cancellationToken).ConfigureAwait(false) is not { } conversion)
        {
            return null;
        }

        return new BlockingWaitFix(
            $"Make '{conversion.MethodName}' async and use {wait}",
            nameof(BlockingWaitCodeFix) + ".MakeAsync",
            token => ReplaceAsync(document, root, method, node, kind, conversion, token));
    }

    private static bool IsReplaceable(BlockingWaitKind kind, ExpressionSyntax node) => kind switch
    {
        BlockingWaitKind.Result => node is MemberAccessExpressionSyntax,
        BlockingWaitKind.GetResult => node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } } },
        BlockingWaitKind.Wait => node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax },
        BlockingWaitKind.Sleep => node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 },
        _ => false,
    };

    // C# has no 'await' inside a lock statement or a query expression (CS1996, CS1995).
    private static bool ForbidsAwait(SyntaxNode node, SyntaxNode function) =>
        node.Ancestors().TakeWhile(ancestor => ancestor != function).Any(ancestor => ancestor is LockStatementSyntax or QueryExpressionSyntax);

    private static bool IsAsync(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        MethodDeclarationSyntax method => FunctionBodies.IsAsync(method),
        _ => false,
    };

    /// <summary>Replaces <paramref name="target"/> (the wait itself, or its method when <paramref name="conversion"/> makes that async).</summary>
    private static async Task<Document> ReplaceAsync(
        Document document,
        SyntaxNode root,
        SyntaxNode target,
        ExpressionSyntax blocking,
        BlockingWaitKind kind,
        AsyncConversion? conversion,
        CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var awaited = BuildAwait(kind, blocking, model, cancellationToken).WithTriviaFrom(blocking);
        SyntaxNode replacement = conversion is null ? awaited : conversion.Apply(blocking, awaited);
        var updated = document.WithSyntaxRoot(root.ReplaceNode(target, replacement));
        return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static ExpressionSyntax BuildAwait(BlockingWaitKind kind, ExpressionSyntax node, SemanticModel? model, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case MemberAccessExpressionSyntax access when kind == BlockingWaitKind.Result:
                return Await(access.Expression);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax awaiter } } } when kind == BlockingWaitKind.GetResult:
                return Await(awaiter.Expression);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax wait } when kind == BlockingWaitKind.Wait:
                return Await(wait.Expression);
            default:
                return Delay((InvocationExpressionSyntax)node, model, cancellationToken);
        }
    }

    // Parenthesized so "task.Result.Length" stays correct; the simplifier drops the parentheses where they are not needed.
    private static ExpressionSyntax Await(ExpressionSyntax task) =>
        SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(task.WithoutTrivia()))
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static ExpressionSyntax Delay(InvocationExpressionSyntax sleep, SemanticModel? model, CancellationToken cancellationToken)
    {
        var delayArguments = sleep.ArgumentList.Arguments;
        if (model is not null && FindContextName(model, sleep, cancellationToken) is { } contextName)
        {
            delayArguments = delayArguments.Add(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(contextName + ".CancellationToken")));
        }

        var delay = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.Delay").WithAdditionalAnnotations(Simplifier.Annotation),
            SyntaxFactory.ArgumentList(delayArguments));
        return SyntaxFactory.AwaitExpression(delay);
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
