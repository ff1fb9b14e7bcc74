using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// Test source markup: <c>[|text|]</c> marks where the diagnostic under test is expected,
/// <c>{|PRC0001:text|}</c> marks a span for a named ID. Markers do not nest.
/// </summary>
public sealed class Markup
{
    private Markup(string source, IReadOnlyList<(string? Id, TextSpan Span)> spans)
    {
        Source = source;
        Spans = spans;
    }

    /// <summary>The source with every marker removed.</summary>
    public string Source { get; }

    /// <summary>The marked spans in order; the ID is null for <c>[|...|]</c>.</summary>
    public IReadOnlyList<(string? Id, TextSpan Span)> Spans { get; }

    public static Markup Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = new List<(string?, TextSpan)>();
        (string? Id, int Start)? open = null;
        for (var index = 0; index < markup.Length; index++)
        {
            if (Starts(markup, index, "[|"))
            {
                open = (null, text.Length);
                index += 1;
            }
            else if (markup[index] == '{' && index + 1 < markup.Length && markup[index + 1] == '|')
            {
                var colon = markup.IndexOf(':', index);
                open = (markup.Substring(index + 2, colon - index - 2), text.Length);
                index = colon;
            }
            else if (open is { } start && (Starts(markup, index, "|]") || Starts(markup, index, "|}")))
            {
                spans.Add((start.Id, TextSpan.FromBounds(start.Start, text.Length)));
                open = null;
                index += 1;
            }
            else
            {
                text.Append(markup[index]);
            }
        }

        return new Markup(text.ToString(), spans);
    }

    private static bool Starts(string text, int index, string value) =>
        string.CompareOrdinal(text, index, value, 0, value.Length) == 0;
}
