using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Processes.Benchmarks.Quick;

/// <summary>
/// The jobs of quick mode: few iterations, in this process (no project generated and rebuilt per
/// benchmark), so all cases finish in minutes on two cores. Medians and same-run ratios absorb
/// most of the noise that short runs leave.
/// </summary>
internal static class QuickJobs
{
    /// <summary>Microsecond-scale operations: BenchmarkDotNet picks the invocation count.</summary>
    public static Job Micro { get; } = Job.ShortRun
        .WithWarmupCount(3)
        .WithIterationCount(5)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("quick-micro");

    /// <summary>Operations of seconds (a whole compilation): one invocation per iteration.</summary>
    public static Job Macro { get; } = Job.Dry
        .WithStrategy(RunStrategy.Monitoring)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("quick-macro");
}
