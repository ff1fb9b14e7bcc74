using Processes.Benchmarks.Quick;

namespace Processes.Benchmarks.Map;

/// <summary>map: nanoseconds per item of each way to map <see cref="MapProbe.Items"/> trivial tasks, and ours over the baseline per round.</summary>
internal sealed record MapFigures(
    RoundStatistics ParallelForEach,
    RoundStatistics ClientMap,
    RoundStatistics StepMap,
    RoundStatistics SmallStepMap,
    RoundStatistics ChunkedStepMap,
    RoundStatistics BuiltInChunkedStepMap,
    RoundStatistics ClientMapOverParallel,
    RoundStatistics StepMapOverParallel);
