using System;
using System.Linq;

namespace Processes.Benchmarks.Subjects;

/// <summary>Member-by-member equality of two <see cref="RepresentativeState"/>s (the class has reference equality).</summary>
internal static class RepresentativeStateComparison
{
    public static void ThrowIfDifferent(RepresentativeState expected, RepresentativeState? actual, string codec)
    {
        var same = actual is not null
            && expected.Iteration == actual.Iteration
            && expected.MaxIterations == actual.MaxIterations
            && expected.ElapsedTicks == actual.ElapsedTicks
            && expected.Seed == actual.Seed
            && expected.Energy.Equals(actual.Energy)
            && expected.Tolerance.Equals(actual.Tolerance)
            && expected.StepSize.Equals(actual.StepSize)
            && expected.Damping.Equals(actual.Damping)
            && expected.Converged == actual.Converged
            && expected.Phase == actual.Phase
            && expected.Retries == actual.Retries
            && expected.RunId == actual.RunId
            && expected.StartedAt == actual.StartedAt
            && expected.StartedAt.Kind == actual.StartedAt.Kind
            && expected.Budget == actual.Budget
            && expected.Name == actual.Name
            && expected.Method == actual.Method
            && expected.Comment == actual.Comment
            && expected.Energies!.SequenceEqual(actual.Energies ?? [])
            && expected.Counters!.OrderBy(pair => pair.Key).SequenceEqual((actual.Counters ?? []).OrderBy(pair => pair.Key))
            && expected.Grid == actual.Grid;
        if (!same)
        {
            throw new InvalidOperationException($"{codec} did not round-trip the representative state.");
        }
    }
}
