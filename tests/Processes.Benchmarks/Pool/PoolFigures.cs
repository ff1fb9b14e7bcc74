using Processes.Benchmarks.Quick;

namespace Processes.Benchmarks.Pool;

/// <summary>
/// pool-cpu: wall time of one batch of CPU-bound tasks per configuration, and the per-round
/// ratios of the two-worker pools (two slots each; one slot each with runs sent ahead) over
/// <c>Parallel.ForEach</c>.
/// </summary>
internal sealed record PoolCpuFigures(
    RoundStatistics Sequential,
    RoundStatistics ParallelForEach,
    RoundStatistics OneWorker,
    RoundStatistics TwoWorkers,
    RoundStatistics TwoWorkersOverParallel,
    RoundStatistics TwoWorkersAhead,
    RoundStatistics TwoWorkersAheadOverParallel);

/// <summary>pool-overhead: one trivial task at a time through the pool against one raw pipe round trip.</summary>
internal sealed record PoolOverheadFigures(RoundStatistics PoolCall, RoundStatistics RawRoundTrip, RoundStatistics Ratio, int PayloadBytes);
