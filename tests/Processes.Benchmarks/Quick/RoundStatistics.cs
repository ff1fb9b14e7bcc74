using System;
using System.Collections.Generic;
using System.Linq;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// The median and spread of values measured round by round (ours and the baseline alternating in
/// each round), so one disturbed round moves neither the verdict nor hides in it.
/// </summary>
internal readonly record struct RoundStatistics(double Median, double Min, double Max)
{
    public static RoundStatistics Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("No rounds were measured.", nameof(values));
        }

        var list = values.ToList();
        return new RoundStatistics(Statistics.Median(list), list.Min(), list.Max());
    }

    /// <summary>The spread as the table prints it, e.g. "1.02–1.31×".</summary>
    public string RatioSpread => $"{Format.Number(Math.Round(Min, 2))}–{Format.Number(Math.Round(Max, 2))}×";
}
