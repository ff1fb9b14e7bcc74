using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace Processes.Observability.Tests;

/// <summary>
/// Renders spans as an indented tree (name, kind, the attributes that tell runs apart, status,
/// exception events), without ids or times so the rendering is the same on every run. Siblings
/// are ordered by name, then by rendering, since concurrent children start in any order.
/// </summary>
public static class TraceTree
{
    private static readonly string[] ShownTags =
    [
        ProcessesDiagnostics.ProcessStateAttribute,
        ProcessesDiagnostics.ExitCodeAttribute,
        ProcessesDiagnostics.AttemptAttribute,
        "rpc.method",
        "error.type",
    ];

    public static string Render(Activity root, IEnumerable<Activity> spans)
    {
        var children = spans.ToLookup(span => span.ParentSpanId);
        var text = new StringBuilder();
        Append(text, root, children, 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Activity span, ILookup<ActivitySpanId, Activity> children, int depth)
    {
        text.Append(' ', depth * 2).Append(Line(span)).Append('\n');
        foreach (var child in children[span.SpanId].OrderBy(child => child.DisplayName).ThenBy(child => Subtree(child, children)))
        {
            Append(text, child, children, depth + 1);
        }
    }

    private static string Subtree(Activity span, ILookup<ActivitySpanId, Activity> children)
    {
        var text = new StringBuilder();
        Append(text, span, children, 0);
        return text.ToString();
    }

    private static string Line(Activity span)
    {
        var line = new StringBuilder(span.DisplayName).Append(" (").Append(span.Kind).Append(')');
        foreach (var name in ShownTags)
        {
            if (span.GetTagItem(name) is { } value)
            {
                line.Append(' ').Append(name).Append('=').Append(value);
            }
        }

        if (span.Status != ActivityStatusCode.Unset)
        {
            line.Append(" status=").Append(span.Status);
        }

        foreach (var exception in span.Events.Where(e => e.Name == "exception"))
        {
            line.Append(" [exception ").Append(exception.Tags.First(tag => tag.Key == "exception.type").Value).Append(']');
        }

        return line.ToString();
    }
}
