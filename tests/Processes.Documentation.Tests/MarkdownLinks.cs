using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Processes.Documentation.Tests;

/// <summary>The relative links of the repository's Markdown pages, and the anchors their headings make.</summary>
internal static partial class MarkdownLinks
{
    /// <summary>README.md, the pages under docs/ and the samples' pages, relative, with forward slashes, sorted.</summary>
    public static IReadOnlyList<string> Pages()
    {
        var root = MarkdownSnippets.RepositoryRoot;
        return Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.md", SearchOption.AllDirectories))
            .Append(Path.Combine(root, "README.md"))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(page => !page.Contains("/bin/", StringComparison.Ordinal) && !page.Contains("/obj/", StringComparison.Ordinal))
            .OrderBy(page => page, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every link of <paramref name="page"/> that is not a URL and does not resolve: a missing file or a heading anchor no heading makes.</summary>
    public static IEnumerable<string> Broken(string page)
    {
        var root = MarkdownSnippets.RepositoryRoot;
        var text = FencedBlock().Replace(File.ReadAllText(Path.Combine(root, page)), "");
        foreach (Match match in Link().Matches(text))
        {
            var link = match.Groups["target"].Value;
            if (Scheme().IsMatch(link))
            {
                continue;
            }

            var hash = link.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? link : link[..hash];
            var anchor = hash < 0 ? "" : link[(hash + 1)..];
            var target = path.Length == 0 ? page : MarkdownSnippets.Resolve(page, Uri.UnescapeDataString(path));
            var full = Path.Combine(root, target);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                yield return $"{page}: ({link}): no file {target}";
            }
            else if (anchor.Length > 0 && target.EndsWith(".md", StringComparison.Ordinal) && !Anchors(full).Contains(anchor))
            {
                yield return $"{page}: ({link}): no heading in {target} makes the anchor #{anchor}";
            }
        }
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    public static HashSet<string> Anchors(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var slug = Slug(heading.Groups["text"].Value);
            var repeat = seen.GetValueOrDefault(slug);
            seen[slug] = repeat + 1;
            anchors.Add(repeat == 0 ? slug : $"{slug}-{repeat}");
        }

        return anchors;
    }

    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading.Trim(), "${text}");
        var slug = new StringBuilder(text.Length);
        foreach (var character in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(character) || character is '-' or '_')
            {
                slug.Append(character);
            }
            else if (character == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();
}
