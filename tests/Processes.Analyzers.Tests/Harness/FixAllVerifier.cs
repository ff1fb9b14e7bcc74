using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// Applies a code fix's Fix All (document scope) as the IDE does: the provider from
/// <see cref="CodeFixProvider.GetFixAllProvider"/>, the equivalence key of the action titled
/// <c>title</c> on the first diagnostic, and the PRC diagnostics of the sources. Every source must
/// then equal its expected text, compile with no error, and raise no diagnostic of that ID.
/// </summary>
public static class FixAllVerifier
{
    public static async Task VerifyAsync<TFix>(string[] befores, string[] afters, string diagnosticId, string title)
        where TFix : CodeFixProvider, new()
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "TestProject", "TestAssembly", LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions,
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References));
        var documents = befores.Select((source, index) => workspace.AddDocument(project.Id, $"Test{index}.cs", SourceText.From(source)).Id).ToList();
        var solution = workspace.CurrentSolution;
        var diagnostics = await TestCompilation.GetProcessDiagnosticsAsync((await solution.GetProject(project.Id)!.GetCompilationAsync())!);
        var targets = diagnostics.Where(diagnostic => diagnostic.Id == diagnosticId).ToList();
        Assert.True(targets.Count > 1, $"Fix All needs several {diagnosticId} diagnostics; found {targets.Count}.");

        var fix = new TFix();
        var first = solution.GetDocument(documents[0])!;
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(first, targets[0], (action, _) => actions.Add(action), CancellationToken.None));
        var chosen = actions.SingleOrDefault(action => action.Title == title);
        Assert.True(chosen is not null, $"No code action '{title}'; offered: {string.Join(", ", actions.Select(action => action.Title))}");

        var provider = fix.GetFixAllProvider();
        Assert.NotNull(provider);
        var context = new FixAllContext(first, fix, FixAllScope.Document, chosen.EquivalenceKey, new[] { diagnosticId }, new Provider(), CancellationToken.None);
        var fixAll = await provider.GetFixAsync(context);
        Assert.NotNull(fixAll);
        var operations = await fixAll.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        for (var index = 0; index < afters.Length; index++)
        {
            var text = await changed.GetDocument(documents[index])!.GetTextAsync();
            Assert.Equal(afters[index].ReplaceLineEndings("\n"), text.ToString().ReplaceLineEndings("\n"));
        }

        var fixedCompilation = await changed.GetProject(project.Id)!.GetCompilationAsync();
        var errors = fixedCompilation!.GetDiagnostics().Where(found => found.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The fixed source does not compile: " + string.Join("; ", errors));
        var remaining = (await TestCompilation.GetProcessDiagnosticsAsync(fixedCompilation)).Where(found => found.Id == diagnosticId).ToList();
        Assert.True(remaining.Count == 0, "Fix All left: " + string.Join("; ", remaining.Select(found => found.GetMessage(CultureInfo.InvariantCulture))));
    }

    /// <summary>The PRC diagnostics of a document or a project, as the IDE's diagnostic service gives them.</summary>
    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await ProjectDiagnosticsAsync(document.Project, cancellationToken)).Where(diagnostic => diagnostic.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await ProjectDiagnosticsAsync(project, cancellationToken)).Where(diagnostic => !diagnostic.Location.IsInSource);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            ProjectDiagnosticsAsync(project, cancellationToken);

        private static async Task<IEnumerable<Diagnostic>> ProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken);
            ImmutableArray<Diagnostic> diagnostics = await TestCompilation.GetProcessDiagnosticsAsync(compilation!, cancellationToken);
            return diagnostics;
        }
    }
}
