using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Analyzers.CodeFixes;

/// <summary>Finds the declaration a diagnostic points into.</summary>
internal static class SyntaxLookup
{
    /// <summary>The innermost <typeparamref name="TNode"/> containing <paramref name="position"/>, or null.</summary>
    public static TNode? Enclosing<TNode>(SyntaxNode? root, int position)
        where TNode : SyntaxNode =>
        root?.FindToken(position).Parent?.AncestorsAndSelf().OfType<TNode>().FirstOrDefault();
}
