using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Turns the return type of a task body into <c>ValueTask</c> where that is mechanical, and
/// records the node replacements it takes:
/// <list type="bullet">
/// <item><c>async Task</c> or <c>async void</c>: only the return type changes.</item>
/// <item><c>Task</c>: the type changes and each returned task is wrapped (<c>Task.CompletedTask</c> becomes <c>default</c>).</item>
/// <item><c>void</c> with a block body and no <c>return</c>: the type changes and <c>return default;</c> ends the block.</item>
/// </list>
/// Anything else (a result type, a <c>void</c> body that returns early or is an expression) is not mechanical.
/// </summary>
internal static class TaskBodyReturnType
{
    private const string ValueTaskName = "global::System.Threading.Tasks.ValueTask";

    /// <summary>Adds the replacements to <paramref name="replacements"/>; false when there is no mechanical rewrite.</summary>
    public static bool TryRewrite(
        SemanticModel model,
        MethodDeclarationSyntax method,
        IMethodSymbol symbol,
        KnownSymbols symbols,
        Dictionary<SyntaxNode, SyntaxNode> replacements,
        CancellationToken cancellationToken)
    {
        if (SymbolEqualityComparer.Default.Equals(symbol.ReturnType, symbols.ValueTask))
        {
            return true;
        }

        var task = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var returnsTask = SymbolEqualityComparer.Default.Equals(symbol.ReturnType, task);
        if (!returnsTask && !symbol.ReturnsVoid)
        {
            return false;
        }

        replacements[method.ReturnType] = SyntaxFactory.ParseTypeName(ValueTaskName)
            .WithTriviaFrom(method.ReturnType)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        if (FunctionBodies.IsAsync(method))
        {
            return true;
        }

        if (returnsTask)
        {
            if (method.ExpressionBody is { } arrow)
            {
                replacements[arrow.Expression] = WrapTask(model, arrow.Expression, task!, cancellationToken);
                return true;
            }

            foreach (var statement in FunctionBodies.OwnReturns(method.Body!))
            {
                if (statement.Expression is { } returned)
                {
                    replacements[returned] = WrapTask(model, returned, task!, cancellationToken);
                }
            }

            return true;
        }

        // A void body that returns early would need 'return default;' at every exit: not mechanical.
        if (method.Body is not { } body || FunctionBodies.OwnReturns(body).Any())
        {
            return false;
        }

        var returnDefault = SyntaxFactory.ParseStatement("return default;")
            .WithTrailingTrivia(AttributeLists.EndOfLine(method))
            .WithAdditionalAnnotations(Formatter.Annotation);
        replacements[body] = body.AddStatements(returnDefault);
        return true;
    }

    // 'Task.CompletedTask' is what a synchronous body returns; 'default' is its ValueTask spelling.
    private static ExpressionSyntax WrapTask(SemanticModel model, ExpressionSyntax returned, INamedTypeSymbol task, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(returned, cancellationToken).Symbol is IPropertySymbol { Name: "CompletedTask", IsStatic: true } property
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, task))
        {
            return SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression).WithTriviaFrom(returned);
        }

        var wrapped = (ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression($"new {ValueTaskName}()");
        return wrapped
            .WithType(wrapped.Type.WithAdditionalAnnotations(Simplifier.Annotation))
            .WithArgumentList(wrapped.ArgumentList!.AddArguments(SyntaxFactory.Argument(returned.WithoutTrivia())))
            .WithTriviaFrom(returned);
    }
}
