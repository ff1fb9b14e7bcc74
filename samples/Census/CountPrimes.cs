using System;
using System.ComponentModel.DataAnnotations;
using System.Threading.Tasks;
using Processes;

namespace Census;

/// <summary>Counts the primes in a half-open range [From, To).</summary>
[Task]
public partial class CountPrimes
{
    /// <summary>The first number to check.</summary>
    [Input, Range(0L, long.MaxValue)]
    public required long From { get; init; }

    /// <summary>One past the last number to check.</summary>
    [Input, Range(0L, long.MaxValue)]
    public required long To { get; init; }

    /// <summary>Milliseconds to wait before counting (lets the demo interrupt a run midway).</summary>
    [Input, Range(0, 10_000)]
    public int Throttle { get; init; }

    /// <summary>How many primes the range holds.</summary>
    [Output]
    public int Count { get; private set; }

    /// <summary>The largest prime in the range, or 0 when there is none.</summary>
    [Output]
    public long Largest { get; private set; }

    private async ValueTask RunAsync(TaskContext context)
    {
        if (Throttle > 0)
        {
            await Task.Delay(Throttle, context.CancellationToken);
        }

        for (var candidate = Math.Max(From, 2); candidate < To; candidate++)
        {
            if (IsPrime(candidate))
            {
                Count++;
                Largest = candidate;
            }
        }
    }

    private static bool IsPrime(long candidate)
    {
        if (candidate < 4)
        {
            return candidate >= 2;
        }

        if (candidate % 2 == 0)
        {
            return false;
        }

        for (long divisor = 3; divisor * divisor <= candidate; divisor += 2)
        {
            if (candidate % divisor == 0)
            {
                return false;
            }
        }

        return true;
    }
}
