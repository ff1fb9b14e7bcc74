using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// Asserts that the analyzers report exactly the expected PRC diagnostics: one per marked span,
/// in order, with the exact ID, span and message, and nothing else.
/// </summary>
public static class AnalyzerVerifier
{
    public static async Task VerifyAsync(string markup, params ExpectedDiagnostic[] expected)
    {
        var parsed = Markup.Parse(markup);
        Assert.True(
            parsed.Spans.Count == expected.Length,
            $"The source marks {parsed.Spans.Count} spans but the test expects {expected.Length} diagnostics.");
        var diagnostics = await TestCompilation.GetProcessDiagnosticsAsync(TestCompilation.Create(parsed.Source));
        var actual = diagnostics
            .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.SourceSpan} {diagnostic.GetMessage(CultureInfo.InvariantCulture)}")
            .ToArray();
        var wanted = expected
            .Select((diagnostic, index) =>
            {
                var span = parsed.Spans[index];
                Assert.True(span.Id is null || span.Id == diagnostic.Id, $"Span {index} is marked {span.Id} but expects {diagnostic.Id}.");
                return $"{diagnostic.Id} {span.Span} {diagnostic.Message}";
            })
            .ToArray();
        Assert.Equal(string.Join(Environment.NewLine, wanted), string.Join(Environment.NewLine, actual));
    }

    /// <summary>Asserts that a valid source raises no PRC diagnostic at all.</summary>
    public static Task VerifyCleanAsync(string source) => VerifyAsync(source);
}
