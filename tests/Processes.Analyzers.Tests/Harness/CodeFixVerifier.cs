using System;
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
/// Applies a code fix in an <see cref="AdhocWorkspace"/>: the diagnostic at the marked span of
/// the first source is fixed with the action of the given title, every source must then equal
/// its expected text, and the result must compile with no error and no PRC diagnostic.
/// </summary>
public static class CodeFixVerifier
{
    /// <param name="allowedAfter">A PRC ID the fixed source may still raise because it is the user's next step (an empty outline after inserting one).</param>
    public static Task VerifyAsync<TFix>(string beforeMarkup, string after, string diagnosticId, string title, string? allowedAfter = null)
        where TFix : CodeFixProvider, new() =>
        VerifyAsync<TFix>(new[] { beforeMarkup }, new[] { after }, diagnosticId, title, allowedAfter);

    public static async Task VerifyAsync<TFix>(string[] beforeMarkups, string[] afters, string diagnosticId, string title, string? allowedAfter = null)
        where TFix : CodeFixProvider, new()
    {
        var markup = Markup.Parse(beforeMarkups[0]);
        var span = Assert.Single(markup.Spans).Span;
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "TestProject",
            "TestAssembly",
            LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions,
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References));
        var documents = new List<DocumentId>();
        var sources = beforeMarkups.Select((source, index) => index == 0 ? markup.Source : source).ToArray();
        for (var index = 0; index < sources.Length; index++)
        {
            var document = workspace.AddDocument(project.Id, $"Test{index}.cs", SourceText.From(sources[index]));
            documents.Add(document.Id);
        }

        var solution = workspace.CurrentSolution;
        var compilation = await solution.GetProject(project.Id)!.GetCompilationAsync();
        var diagnostics = await TestCompilation.GetProcessDiagnosticsAsync(compilation!);
        var diagnostic = diagnostics.SingleOrDefault(found => found.Id == diagnosticId && found.Location.SourceSpan == span);
        Assert.True(diagnostic is not null, $"No {diagnosticId} at {span}; found: {string.Join("; ", diagnostics)}");

        var actions = new List<CodeAction>();
        var firstDocument = solution.GetDocument(documents[0])!;
        var fix = new TFix();
        Assert.Contains(diagnosticId, fix.FixableDiagnosticIds);
        await fix.RegisterCodeFixesAsync(new CodeFixContext(firstDocument, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var chosen = actions.SingleOrDefault(action => action.Title == title);
        Assert.True(chosen is not null, $"No code action '{title}'; offered: {string.Join(", ", actions.Select(action => action.Title))}");

        var operations = await chosen.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        for (var index = 0; index < afters.Length; index++)
        {
            var text = await changed.GetDocument(documents[index])!.GetTextAsync();
            Assert.Equal(afters[index].ReplaceLineEndings("\n"), text.ToString().ReplaceLineEndings("\n"));
        }

        var fixedCompilation = await changed.GetProject(project.Id)!.GetCompilationAsync();
        var errors = fixedCompilation!.GetDiagnostics().Where(found => found.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The fixed source does not compile: " + string.Join("; ", errors));
        var remaining = (await TestCompilation.GetProcessDiagnosticsAsync(fixedCompilation)).Where(found => found.Id != allowedAfter).ToList();
        Assert.True(remaining.Count == 0, "The fixed source still has: " + string.Join("; ", remaining.Select(found => found.GetMessage(CultureInfo.InvariantCulture))));
    }

    /// <summary>Asserts that the fix offers no action for the diagnostic at the marked span (where a rewrite would not be mechanical).</summary>
    public static async Task VerifyNoFixAsync<TFix>(string beforeMarkup, string diagnosticId)
        where TFix : CodeFixProvider, new()
    {
        var markup = Markup.Parse(beforeMarkup);
        var span = Assert.Single(markup.Spans).Span;
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "TestProject", "TestAssembly", LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions,
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References));
        var document = workspace.AddDocument(project.Id, "Test0.cs", SourceText.From(markup.Source));
        var compilation = await document.Project.GetCompilationAsync();
        var diagnostics = await TestCompilation.GetProcessDiagnosticsAsync(compilation!);
        var diagnostic = diagnostics.Single(found => found.Id == diagnosticId && found.Location.SourceSpan == span);
        var actions = new List<CodeAction>();
        await new TFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.Empty(actions);
    }
}
