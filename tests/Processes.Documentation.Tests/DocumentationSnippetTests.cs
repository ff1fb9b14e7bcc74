using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Documentation.Tests;

/// <summary>
/// Every ```csharp block of README.md and docs/**/*.md compiles, with the generator and the analyzers,
/// without a warning. A page's blocks compile together (a later block may use an earlier block's
/// types); a block marked <c>&lt;!-- snippet: reports PRCxxxx --&gt;</c> compiles alone and must report
/// that diagnostic; a block marked <c>&lt;!-- snippet: fragment REASON --&gt;</c> is not compiled.
/// </summary>
public sealed class DocumentationSnippetTests
{
    /// <summary>Fragments are the exception: at most this many in all the docs.</summary>
    private const int MostFragments = 5;

    public static TheoryData<string> Pages() => new(MarkdownSnippets.Pages());

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_csharp_blocks_of_the_page_compile_without_a_warning(string page)
    {
        var snippets = MarkdownSnippets.Read(page);
        var together = snippets.Where(snippet => !snippet.IsFragment && snippet.Reports is null).ToList();
        if (together.Count > 0)
        {
            var compiled = together.Concat(Included(page, together)).ToList();
            var problems = SnippetCompiler.Problems(await SnippetCompiler.CompileAsync(compiled, TestContext.Current.CancellationToken)).Select(SnippetCompiler.Describe).ToList();
            Assert.True(problems.Count == 0, $"{page}: its C# does not compile cleanly:\n" + string.Join("\n", problems));
        }

        foreach (var reported in snippets.Where(snippet => snippet.Reports is not null))
        {
            var diagnostics = await SnippetCompiler.CompileAsync([reported, .. Included(page, [reported])], TestContext.Current.CancellationToken);
            Assert.True(
                diagnostics.Any(diagnostic => diagnostic.Id == reported.Reports),
                $"{reported}: marked 'reports {reported.Reports}' but reports: " + string.Join(", ", diagnostics.Select(diagnostic => diagnostic.Id).Distinct()));
        }
    }

    [Fact]
    public void Every_page_with_csharp_is_found_and_fragments_stay_rare()
    {
        var pages = MarkdownSnippets.Pages();
        Assert.Contains("README.md", pages);
        Assert.Contains("docs/getting-started.md", pages);
        Assert.Contains("docs/diagnostics/PRC0001.md", pages);

        var snippets = pages.SelectMany(MarkdownSnippets.Read).ToList();
        var fragments = snippets.Where(snippet => snippet.IsFragment).ToList();
        Assert.True(fragments.Count <= MostFragments, $"{fragments.Count} fragments (at most {MostFragments}): " + string.Join(", ", fragments));
        Assert.True(snippets.Count > 10 * fragments.Count, "most blocks must compile");
    }

    [Fact]
    public void The_analyzers_are_loaded()
    {
        Assert.NotEmpty(SnippetCompiler.Analyzers);
    }

    private static IEnumerable<MarkdownSnippet> Included(string page, IEnumerable<MarkdownSnippet> snippets) =>
        snippets.SelectMany(snippet => snippet.With)
            .Select(relative => MarkdownSnippets.Resolve(page, relative))
            .Distinct(StringComparer.Ordinal)
            .SelectMany(MarkdownSnippets.Read)
            .Where(snippet => !snippet.IsFragment && snippet.Reports is null);
}
