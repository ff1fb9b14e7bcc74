using System.Collections.Generic;
using System.Text;

namespace Processes.Benchmarks.Quick;

/// <summary>The quick table as markdown: one row per case.</summary>
internal static class MarkdownTable
{
    public static string Render(IEnumerable<CaseResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| case | ours | baseline | ratio | target | met |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            table.AppendLine($"| {result.Id} | {result.Ours} | {result.Baseline} | {result.Ratio} | {result.Target} | {result.Met} |");
        }

        return table.ToString();
    }
}
