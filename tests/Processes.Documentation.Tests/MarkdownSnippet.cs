using System;
using System.Collections.Generic;

namespace Processes.Documentation.Tests;

/// <summary>
/// One ```csharp block of a page, with what the <c>&lt;!-- snippet: … --&gt;</c> comment right before it says about it.
/// </summary>
/// <param name="Page">The page, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The 1-based line of the block's first code line in the page.</param>
/// <param name="Code">The block's code.</param>
/// <param name="FragmentReason">Set when the block is marked <c>fragment REASON</c>: it is not compiled.</param>
/// <param name="Given">A parameter list (<c>ProcessRuntime runtime, ProcessId id</c>) for the variables the block's statements use but do not declare.</param>
/// <param name="Reports">A diagnostic id the block must report (a diagnostic page's "Reported" example); it is compiled alone.</param>
/// <param name="With">Other pages whose blocks this block needs (their types), relative to this page.</param>
internal sealed record MarkdownSnippet(
    string Page,
    int Line,
    string Code,
    string? FragmentReason,
    string? Given,
    string? Reports,
    IReadOnlyList<string> With)
{
    /// <summary>Whether the block is left out of compilation.</summary>
    public bool IsFragment => FragmentReason is not null;

    /// <summary>Where the block is, for messages.</summary>
    public override string ToString() => $"{Page}:{Line}";

    /// <summary>Parses the text of a marker comment (<c>given (…); with page.md</c>) into this snippet's fields.</summary>
    public static MarkdownSnippet Create(string page, int line, string code, string? marker)
    {
        string? fragment = null, given = null, reports = null;
        var with = new List<string>();
        if (marker is not null)
        {
            foreach (var part in marker.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var space = part.IndexOf(' ', StringComparison.Ordinal);
                var key = space < 0 ? part : part[..space];
                var argument = space < 0 ? "" : part[(space + 1)..].Trim();
                switch (key)
                {
                    case "fragment" when argument.Length > 0: fragment = argument; break;
                    case "given" when argument.StartsWith('(') && argument.EndsWith(')'): given = argument[1..^1]; break;
                    case "reports" when argument.StartsWith("PRC", StringComparison.Ordinal): reports = argument; break;
                    case "with" when argument.EndsWith(".md", StringComparison.Ordinal): with.Add(argument); break;
                    default: throw new FormatException($"{page}:{line}: unknown or incomplete snippet marker '{part}' (fragment REASON, given (PARAMETERS), reports PRCxxxx, with PAGE.md)");
                }
            }
        }

        return new MarkdownSnippet(page, line, code, fragment, given, reports, with);
    }
}
