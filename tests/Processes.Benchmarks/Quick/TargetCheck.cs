namespace Processes.Benchmarks.Quick;

/// <summary>One numeric target of a case, e.g. "time ratio ≤ 1.0" or "bytes per call ≤ 64".</summary>
internal sealed record TargetCheck(string Metric, double Value, double Limit, bool AtMost)
{
    public bool Met => AtMost ? Value <= Limit : Value >= Limit;

    public string Describe() => $"{Metric} {(AtMost ? "≤" : "≥")} {Format.Number(Limit)}";
}
