using System;
using System.Collections.Generic;
using System.Linq;

namespace Processes.RabbitMQ.Tests;

/// <summary>Reads the ledger BrokerSum and BrokerSquare write (<c>{tag} child-start|child-done|collect {x}</c>).</summary>
internal static class LedgerChecks
{
    /// <summary>
    /// Children that started again after their parent had collected them: a collected child's end
    /// was stored (collect runs only after the child's terminal checkpoint), so it must never rerun.
    /// </summary>
    public static IReadOnlyList<string> CompletedChildrenRerun(IEnumerable<string> lines)
    {
        var collected = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts.Length != 3)
            {
                continue;
            }

            var child = parts[0] + " " + parts[2];
            if (parts[1] == "collect")
            {
                collected.Add(child);
            }
            else if (parts[1] == "child-start" && collected.Contains(child))
            {
                problems.Add($"{child} started again after its parent collected it");
            }
        }

        return problems;
    }

    /// <summary>How many child bodies started more than once in all (each crash may rerun the one that was running).</summary>
    public static int ChildReruns(IEnumerable<string> lines) =>
        lines.Where(line => line.Contains(" child-start ", StringComparison.Ordinal)).GroupBy(line => line, StringComparer.Ordinal).Sum(group => group.Count() - 1);

    public static int Count(IEnumerable<string> lines, string tag, string what) =>
        lines.Count(line => line.StartsWith(tag + " " + what + " ", StringComparison.Ordinal));
}
