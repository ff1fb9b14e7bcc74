using System;
using System.Globalization;
using System.IO;
using BenchmarkDotNet.Running;
using Processes.Benchmarks;
using Processes.Benchmarks.Allocations;
using Processes.Benchmarks.Aot;
using Processes.Benchmarks.BuildCost;
using Processes.Benchmarks.Cases;
using Processes.Benchmarks.Quick;
using Processes.Benchmarks.Remote;
using Processes.Benchmarks.RemoteSizes;

// dotnet run -c Release --project tests/Processes.Benchmarks -- --quick [--aot-dir DIR] [--only ID,ID]  one table, < 5 minutes
//                                        (aot-worker reuses or publishes its native binaries in DIR, default artifacts/aot;
//                                         --only runs the named cases and writes artifacts/bench/quick-partial.json)
// dotnet run -c Release --project tests/Processes.Benchmarks -- --remote-sizes     remote latency by payload size, and its chart
// dotnet run -c Release --project tests/Processes.Benchmarks -- --remote-breakdown where remote-call's time goes, layer by layer
// dotnet run -c Release --project tests/Processes.Benchmarks -- --throughput-loop 10 [raw|both] remote-throughput's batches, CPU per call on both sides
// dotnet run -c Release --project tests/Processes.Benchmarks -- --filter '*'       full BenchmarkDotNet runs
// dotnet run -c Release --project tests/Processes.Benchmarks -- --codec-loop records OursWrite 10  one codec side alone, for a profiler
// dotnet run -c Release --project tests/Processes.Benchmarks -- --allocations [remote] where task-inproc and process-steps (or remote-throughput's client) allocate
// dotnet run -c Release --project tests/Processes.Benchmarks -- --live-census 10000 what a waiting process keeps alive, by type (process-scale)
// dotnet run -c Release --project tests/Processes.Benchmarks -- --build-cost-profile where build-cost's time goes
if (Array.IndexOf(args, "--quick") >= 0)
{
    var aotDir = Array.IndexOf(args, "--aot-dir") is var at and >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : AotBinaries.DefaultFolder;
    var only = Array.IndexOf(args, "--only") is var onlyAt and >= 0 && onlyAt + 1 < args.Length
        ? args[onlyAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [];
    return QuickRun.Run(aotDir, only);
}

if (Array.IndexOf(args, "--codec-loop") is var loopAt and >= 0 && loopAt + 3 < args.Length)
{
    return CodecCases.Loop(args[loopAt + 1], args[loopAt + 2], double.Parse(args[loopAt + 3], System.Globalization.CultureInfo.InvariantCulture));
}

if (Array.IndexOf(args, "--steps-loop") is var stepsAt and >= 0 && stepsAt + 1 < args.Length)
{
    return OverheadCases.StepsLoop(double.Parse(args[stepsAt + 1], System.Globalization.CultureInfo.InvariantCulture));
}

if (Array.IndexOf(args, "--remote-breakdown") >= 0)
{
    return await RemoteCallBreakdown.RunAsync();
}

if (Array.IndexOf(args, "--throughput-loop") is var throughputAt and >= 0 && throughputAt + 1 < args.Length)
{
    var side = throughputAt + 2 < args.Length ? args[throughputAt + 2] : "ours";
    return await ThroughputLoop.RunAsync(double.Parse(args[throughputAt + 1], System.Globalization.CultureInfo.InvariantCulture), side);
}

if (Array.IndexOf(args, "--remote-sizes") >= 0)
{
    return RemoteLatencySweep.Run();
}

if (Array.IndexOf(args, "--build-cost-profile") >= 0)
{
    return BuildCostProfile.Run(perAnalyzer: Array.IndexOf(args, "--per-analyzer") >= 0);
}

if (Array.IndexOf(args, "--live-census") is var censusAt and >= 0)
{
    return await LiveProcessCensus.RunAsync(censusAt + 1 < args.Length ? int.Parse(args[censusAt + 1], CultureInfo.InvariantCulture) : 10_000);
}

if (Array.IndexOf(args, "--allocations") >= 0)
{
    return await AllocationBreakdown.RunAsync(remote: Array.IndexOf(args, "remote") >= 0);
}

BenchmarkSwitcher
    .FromTypes([typeof(TaskInProcessBenchmarks), typeof(ProcessStepsBenchmarks), typeof(CheckpointCodecBenchmarks), typeof(BuildCostBenchmarks), typeof(RemoteCallBenchmarks), typeof(RemoteThroughputBenchmarks), typeof(RemoteLatencyBySizeBenchmarks)])
    .Run(args, FullRunConfig.Create());
return 0;
