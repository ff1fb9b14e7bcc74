using System.Collections.Generic;
using System.Linq;

namespace Processes.Benchmarks.Quick;

/// <summary>A row of the quick table: a measured case with its target checks, or a case that cannot be measured yet.</summary>
internal sealed record CaseResult(
    string Id,
    string Ours,
    string Baseline,
    string Ratio,
    string Target,
    IReadOnlyList<TargetCheck> Checks,
    IReadOnlyList<Measurement> Measurements,
    IReadOnlyDictionary<string, double> Facts,
    string? PendingReason = null)
{
    public bool IsPending => PendingReason is not null;

    public string Met => IsPending
        ? $"pending (needs {PendingReason})"
        : Checks.All(check => check.Met) ? "yes" : "no: " + string.Join(", ", Checks.Where(check => !check.Met).Select(check => check.Metric));

    public static CaseResult Pending(string id, string target, string needs) =>
        new(id, "n/a", "n/a", "n/a", target, [], [], new Dictionary<string, double>(), needs);
}
