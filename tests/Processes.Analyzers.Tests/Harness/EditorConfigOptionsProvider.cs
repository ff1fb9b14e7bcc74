using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// Applies <c>.editorconfig</c> severities (<c>dotnet_diagnostic.ID.severity</c>) to syntax trees
/// the way the compiler does: parse the files into an <see cref="AnalyzerConfigSet"/> and look up
/// each tree by path.
/// </summary>
public sealed class EditorConfigOptionsProvider : SyntaxTreeOptionsProvider
{
    private readonly AnalyzerConfigSet _set;
    private readonly Dictionary<string, AnalyzerConfigOptionsResult> _cache = new();

    public EditorConfigOptionsProvider(params (string Path, string Text)[] files) =>
        _set = AnalyzerConfigSet.Create(files.Select(file => AnalyzerConfig.Parse(file.Text, file.Path)).ToImmutableArray());

    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        Options(tree).TreeOptions.TryGetValue(diagnosticId, out severity);

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        _set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);

    private AnalyzerConfigOptionsResult Options(SyntaxTree tree)
    {
        lock (_cache)
        {
            if (!_cache.TryGetValue(tree.FilePath, out var result))
            {
                result = _set.GetOptionsForSourcePath(tree.FilePath);
                _cache.Add(tree.FilePath, result);
            }

            return result;
        }
    }
}
