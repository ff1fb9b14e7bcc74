using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class DocumentationTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = TestCompilation.Analyzers
        .SelectMany(analyzer => analyzer.SupportedDiagnostics)
        .DistinctBy(descriptor => descriptor.Id)
        .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_descriptor_constant_is_reported_by_an_analyzer()
    {
        var constants = typeof(DiagnosticDescriptors).GetFields()
            .Where(field => field.IsLiteral && field.Name.EndsWith("Id", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(constants, Descriptors.Select(descriptor => descriptor.Id));
    }

    [Fact]
    public void Every_diagnostic_has_a_page_and_a_help_link_to_it()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "docs", "diagnostics");
        foreach (var descriptor in Descriptors)
        {
            var page = Path.Combine(folder, descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id} has no page {page}");
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
            Assert.EndsWith($"/docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_release_tracking_file_and_the_docs_index_list_exactly_the_descriptors()
    {
        var root = RepositoryRoot.Find();
        var releases = File.ReadAllText(Path.Combine(root, "analyzers", "Processes.Analyzers", "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Path.Combine(root, "analyzers", "Processes.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var index = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", "index.md"));
        var expected = Descriptors.Select(descriptor => $"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}").ToArray();

        // The generator reports its own diagnostic (PRC0029) and tracks it in its own release files; the index lists it too.
        var generatorReleases = File.ReadAllText(Path.Combine(root, "generators", "Processes.Generators", "AnalyzerReleases.Unshipped.md"));
        var generatorRules = Regex.Matches(generatorReleases, @"^PRC\d{4} \| .+$", RegexOptions.Multiline).Select(match => match.Value.TrimEnd()).ToArray();
        Assert.NotEmpty(generatorRules);
        var expectedIndex = expected.Concat(generatorRules).OrderBy(line => line, StringComparer.Ordinal).ToArray();

        var released = Regex.Matches(releases, @"^PRC\d{4} \| .+$", RegexOptions.Multiline).Select(match => match.Value.TrimEnd()).ToArray();
        Assert.Equal(expected, released);

        var indexed = Regex.Matches(index, @"^\| \[(PRC\d{4})\]\(\1\.md\) \| (.+?) \| (.+?) \| (.+?) \| (yes|no) \|$", RegexOptions.Multiline)
            .Select(match => $"{match.Groups[1].Value} | {match.Groups[2].Value} | {match.Groups[3].Value} | {match.Groups[4].Value}")
            .ToArray();
        Assert.Equal(expectedIndex, indexed);
    }
}
