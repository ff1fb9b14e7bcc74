using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Processes.Analyzers.CodeFixes;

/// <summary>The diagnostics a Fix All covers: those of its document, its project or its whole solution.</summary>
internal static class FixAllDiagnostics
{
    public static async Task<IReadOnlyList<Diagnostic>> CollectAsync(FixAllContext context)
    {
        switch (context.Scope)
        {
            case FixAllScope.Project:
                return await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false);
            case FixAllScope.Solution:
                var all = new List<Diagnostic>();
                foreach (var project in context.Solution.Projects)
                {
                    all.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                return all;
            default:
                return context.Document is null
                    ? new List<Diagnostic>()
                    : (await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)).ToList();
        }
    }
}
