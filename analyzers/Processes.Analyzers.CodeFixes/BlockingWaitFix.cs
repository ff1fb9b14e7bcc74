using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Processes.Analyzers.CodeFixes;

/// <summary>One PRC0022 rewrite: its title, its equivalence key, and the changed document.</summary>
internal sealed class BlockingWaitFix
{
    public BlockingWaitFix(string title, string equivalenceKey, Func<CancellationToken, Task<Document>> applyAsync)
    {
        Title = title;
        EquivalenceKey = equivalenceKey;
        ApplyAsync = applyAsync;
    }

    /// <summary>The code action's title.</summary>
    public string Title { get; }

    /// <summary>The code action's equivalence key.</summary>
    public string EquivalenceKey { get; }

    /// <summary>Produces the document with the wait replaced.</summary>
    public Func<CancellationToken, Task<Document>> ApplyAsync { get; }
}
