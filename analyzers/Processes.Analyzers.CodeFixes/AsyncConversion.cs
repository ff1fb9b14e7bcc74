using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Makes a method that is not yet <c>async</c> into one, for PRC0022, where that is mechanical:
/// <list type="bullet">
/// <item>a method returning <c>ValueTask</c> or <c>Task</c> with a block body whose only returns are
/// pointless once it is async (<c>return default;</c>, <c>return Task.CompletedTask;</c>,
/// <c>return ValueTask.CompletedTask;</c>, <c>return new ValueTask();</c>): those go (the last
/// statement) or become <c>return;</c> (an early exit), and the signature keeps its return type;</item>
/// <item>a <c>void</c> step of a process (<c>void M()</c> or <c>void M(StepContext)</c>) that is only
/// ever passed to <c>OutlineBuilder.Step</c>: it becomes <c>async ValueTask</c>, which
/// <c>Step</c> accepts as well.</item>
/// </list>
/// </summary>
internal sealed class AsyncConversion
{
    private readonly MethodDeclarationSyntax _method;
    private readonly bool _returnsVoid;
    private readonly IReadOnlyList<ReturnStatementSyntax> _returns;

    private AsyncConversion(MethodDeclarationSyntax method, bool returnsVoid, IReadOnlyList<ReturnStatementSyntax> returns)
    {
        _method = method;
        _returnsVoid = returnsVoid;
        _returns = returns;
    }

    /// <summary>The method's name, for the code action's title.</summary>
    public string MethodName => _method.Identifier.ValueText;

    /// <summary>The conversion of <paramref name="method"/>, or null when it is not mechanical.</summary>
    public static async Task<AsyncConversion?> TryCreateAsync(Document document, SemanticModel model, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol symbol
            || KnownSymbols.TryCreate(model.Compilation) is not { } symbols
            || FunctionBodies.IsAsync(method)
            || method.Modifiers.Any(SyntaxKind.UnsafeKeyword)
            || symbol.Parameters.Any(parameter => parameter.RefKind != RefKind.None))
        {
            return null;
        }

        if (symbol.ReturnsVoid)
        {
            return IsStepShape(symbol, symbols) && await IsOnlyPassedToStepAsync(symbol, document.Project.Solution, symbols, cancellationToken).ConfigureAwait(false)
                ? new AsyncConversion(method, returnsVoid: true, new List<ReturnStatementSyntax>())
                : null;
        }

        var task = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        if (method.Body is not { } body
            || (!SymbolEqualityComparer.Default.Equals(symbol.ReturnType, task) && !SymbolEqualityComparer.Default.Equals(symbol.ReturnType, symbols.ValueTask)))
        {
            return null;
        }

        var returns = FunctionBodies.OwnReturns(body).ToList();
        return returns.All(statement => IsPointless(model, statement.Expression, task, symbols.ValueTask, cancellationToken))
            ? new AsyncConversion(method, returnsVoid: false, returns)
            : null;
    }

    /// <summary>
    /// The method with <paramref name="blocking"/> replaced by <paramref name="awaited"/>, its
    /// pointless returns removed and the <c>async</c> signature.
    /// </summary>
    public MethodDeclarationSyntax Apply(ExpressionSyntax blocking, ExpressionSyntax awaited)
    {
        var last = _method.Body?.Statements.LastOrDefault() as ReturnStatementSyntax;
        var replacements = new Dictionary<SyntaxNode, SyntaxNode> { [blocking] = awaited };
        foreach (var statement in _returns.Where(statement => statement != last))
        {
            replacements[statement] = statement.WithExpression(null).WithReturnKeyword(statement.ReturnKeyword.WithTrailingTrivia());
        }

        var rewritten = _method.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        if (last is not null && _returns.Contains(last))
        {
            rewritten = rewritten.WithBody(rewritten.Body!.WithStatements(rewritten.Body.Statements.RemoveAt(rewritten.Body.Statements.Count - 1)));
        }

        if (_returnsVoid)
        {
            rewritten = rewritten.WithReturnType(SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.ValueTask")
                .WithTriviaFrom(rewritten.ReturnType)
                .WithAdditionalAnnotations(Simplifier.Annotation));
        }

        return Modifiers.AddAsync(rewritten);
    }

    // What OutlineBuilder.Step takes: no parameter or one StepContext.
    private static bool IsStepShape(IMethodSymbol method, KnownSymbols symbols) =>
        symbols.GetKind(method.ContainingType) == "Process"
        && !method.IsGenericMethod
        && method.MethodKind == MethodKind.Ordinary
        && method.ExplicitInterfaceImplementations.IsEmpty
        && !method.IsOverride && !method.IsVirtual && !method.IsAbstract
        && (method.Parameters.Length == 0
            || (method.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, symbols.StepContext)));

    // Any other use (a direct call, an Action variable) would break or change meaning once the method returns a ValueTask.
    private static async Task<bool> IsOnlyPassedToStepAsync(IMethodSymbol method, Solution solution, KnownSymbols symbols, CancellationToken cancellationToken)
    {
        var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(reference => reference.Locations))
        {
            var root = await location.Location.SourceTree!.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var name = root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
            var argument = (name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name).Parent as ArgumentSyntax;
            if (argument?.Parent?.Parent is not InvocationExpressionSyntax invocation)
            {
                return false;
            }

            var model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model?.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Name: "Step" } step
                || !SymbolEqualityComparer.Default.Equals(step.ContainingType, symbols.OutlineBuilder))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPointless(SemanticModel model, ExpressionSyntax? returned, INamedTypeSymbol? task, INamedTypeSymbol? valueTask, CancellationToken cancellationToken) => returned switch
    {
        null => true,
        LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.DefaultLiteralExpression),
        DefaultExpressionSyntax or BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null } =>
            SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(returned, cancellationToken).Type, valueTask),
        _ => model.GetSymbolInfo(returned, cancellationToken).Symbol is IPropertySymbol { Name: "CompletedTask", IsStatic: true } property
            && (SymbolEqualityComparer.Default.Equals(property.ContainingType, task) || SymbolEqualityComparer.Default.Equals(property.ContainingType, valueTask)),
    };
}
