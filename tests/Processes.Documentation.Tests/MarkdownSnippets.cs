using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Processes.Documentation.Tests;

/// <summary>Finds the ```csharp blocks of README.md and docs/**/*.md, and the snippet markers before them.</summary>
internal static partial class MarkdownSnippets
{
    /// <summary>The repository root (this file's folder, two levels up).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Every page with C#: README.md and the pages under docs/, relative, with forward slashes, sorted.</summary>
    public static IReadOnlyList<string> Pages() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(RepositoryRoot, "README.md"))
            .Select(path => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/'))
            .Where(page => Read(page).Count > 0)
            .OrderBy(page => page, StringComparer.Ordinal)
            .ToList();

    /// <summary>The blocks of one page, in order.</summary>
    public static IReadOnlyList<MarkdownSnippet> Read(string page)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, page));
        var snippets = new List<MarkdownSnippet>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].TrimEnd() == "```csharp")
            {
                var start = index + 1;
                var end = start;
                while (end < lines.Length && lines[end].TrimEnd() != "```")
                {
                    end++;
                }

                snippets.Add(MarkdownSnippet.Create(page, start + 1, string.Join("\n", lines[start..end]) + "\n", MarkerBefore(lines, index)));
                index = end;
            }
            else if (Marker().IsMatch(lines[index]) && NextNonBlank(lines, index + 1) is var next && (next < 0 || lines[next].TrimEnd() != "```csharp"))
            {
                throw new FormatException($"{page}:{index + 1}: a snippet marker must come right before a ```csharp block");
            }
        }

        return snippets;
    }

    /// <summary>Resolves a page named by a <c>with</c> marker relative to the page that names it.</summary>
    public static string Resolve(string page, string relative) =>
        Path.GetRelativePath(RepositoryRoot, Path.GetFullPath(Path.Combine(RepositoryRoot, Path.GetDirectoryName(page) ?? "", relative))).Replace('\\', '/');

    private static string? MarkerBefore(string[] lines, int fence)
    {
        var previous = fence - 1;
        while (previous >= 0 && lines[previous].Trim().Length == 0)
        {
            previous--;
        }

        return previous >= 0 && Marker().Match(lines[previous]) is { Success: true } match ? match.Groups[1].Value : null;
    }

    private static int NextNonBlank(string[] lines, int from)
    {
        for (var index = from; index < lines.Length; index++)
        {
            if (lines[index].Trim().Length > 0)
            {
                return index;
            }
        }

        return -1;
    }

    private static string FindRoot([CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", ".."));

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(.*?)\s*-->\s*$")]
    private static partial Regex Marker();
}
