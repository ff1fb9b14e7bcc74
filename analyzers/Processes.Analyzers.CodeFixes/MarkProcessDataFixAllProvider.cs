using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Processes.Analyzers.CodeFixes;

/// <summary>
/// Fix All for "Mark 'X' [ProcessData]" (PRC0013, PRC0014): every diagnostic in scope that names a
/// markable type contributes its type, and each type is marked once (a type reached by several
/// ports or state fields must not get the attribute twice), in whichever document declares it.
/// The batch fixer cannot do this: its fixes change other documents than the diagnostic's, and two
/// fixes of one type would add the attribute twice.
/// </summary>
internal sealed class MarkProcessDataFixAllProvider : FixAllProvider
{
    public static MarkProcessDataFixAllProvider Instance { get; } = new();

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var types = new List<(ProjectId Project, string MetadataName)>();
        foreach (var diagnostic in await FixAllDiagnostics.CollectAsync(fixAllContext).ConfigureAwait(false))
        {
            var document = diagnostic.Location.SourceTree is { } tree ? fixAllContext.Solution.GetDocument(tree) : null;
            if (document is not null
                && fixAllContext.DiagnosticIds.Contains(diagnostic.Id)
                && diagnostic.Properties.TryGetValue(SerializationAnalyzer.MarkableTypeProperty, out var metadataName)
                && metadataName is not null
                && !types.Contains((document.Project.Id, metadataName)))
            {
                types.Add((document.Project.Id, metadataName));
            }
        }

        if (types.Count == 0)
        {
            return null;
        }

        return CodeAction.Create(
            "Mark every unsupported type [ProcessData]",
            async cancellationToken =>
            {
                var solution = fixAllContext.Solution;
                foreach (var (project, metadataName) in types)
                {
                    solution = await MarkProcessDataCodeFix.MarkAsync(solution, project, metadataName, cancellationToken).ConfigureAwait(false);
                }

                return solution;
            },
            nameof(MarkProcessDataFixAllProvider));
    }
}
