using System.Linq;
using Xunit;

namespace Processes.Documentation.Tests;

/// <summary>Every relative link of the README, the docs and the samples' pages leads somewhere: a file that exists, a heading that exists.</summary>
public sealed class DocumentationLinkTests
{
    public static TheoryData<string> Pages() => new(MarkdownLinks.Pages());

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_of_the_page_resolves(string page) =>
        Assert.Empty(MarkdownLinks.Broken(page));

    [Fact]
    public void Anchors_follow_the_headings_as_github_makes_them()
    {
        var anchors = MarkdownLinks.Anchors(System.IO.Path.Combine(MarkdownSnippets.RepositoryRoot, "docs", "performance.md"));
        Assert.Contains("interleaved-measurement-issue-15", anchors);
        Assert.Contains("codec-runs-of-fixed-size-members-issue-15-2026-12-03-evening", anchors);
        Assert.Contains("the-postgresql-store-against-raw-npgsql-store-postgres", anchors);
        Assert.True(MarkdownLinks.Pages().Count > 20);
        Assert.Contains("README.md", MarkdownLinks.Pages());
        Assert.DoesNotContain(MarkdownLinks.Pages(), page => page.Contains("/bin/", System.StringComparison.Ordinal));
        Assert.True(anchors.Count(anchor => anchor.StartsWith("remote-throughput", System.StringComparison.Ordinal)) >= 2);
    }
}
