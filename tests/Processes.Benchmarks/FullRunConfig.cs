using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Processes.Benchmarks;

/// <summary>
/// The full run (`-- --filter '*'`): BenchmarkDotNet's default statistics, in this process. The
/// out-of-process toolchain would generate a project under this repository, where the shared
/// build settings (central package versions, warnings as errors) do not suit it.
/// </summary>
internal static class FullRunConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(Path.Combine(RepositoryPaths.BenchArtifacts, "full"));
}
