using System.Threading.Tasks;

namespace Processes.Benchmarks.Worker;

/// <summary>
/// The CPU-bound remote task of the pool benchmarks: a fixed amount of arithmetic with no I/O and
/// no allocation, so the pool's scaling is measured against <c>Parallel.ForEach</c> over the very
/// same <see cref="Work"/>.
/// </summary>
[Task]
public partial class SpinTask
{
    /// <summary>How many rounds of the mixing function to run.</summary>
    [Input] public required int Rounds { get; init; }

    /// <summary>The seed of the mixing function (one per item, so no two tasks compute the same).</summary>
    [Input] public required long Seed { get; init; }

    /// <summary>The mixed value, which the caller checks against <see cref="Work"/>.</summary>
    [Output] public long Result { get; private set; }

    /// <summary>The work itself: the same function the baseline calls directly.</summary>
    public static long Work(long seed, int rounds)
    {
        var value = (ulong)seed;
        for (var i = 0; i < rounds; i++)
        {
            value ^= value << 13;
            value ^= value >> 7;
            value ^= value << 17;
        }

        return (long)value;
    }

    private ValueTask RunAsync(TaskContext context)
    {
        Result = Work(Seed, Rounds);
        return default;
    }
}
