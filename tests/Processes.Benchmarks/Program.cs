using System;
using BenchmarkDotNet.Running;
using Processes.Benchmarks;
using Processes.Benchmarks.Allocations;
using Processes.Benchmarks.BuildCost;
using Processes.Benchmarks.Cases;
using Processes.Benchmarks.Quick;

// dotnet run -c Release --project tests/Processes.Benchmarks -- --quick            one table, < 5 minutes
// dotnet run -c Release --project tests/Processes.Benchmarks -- --filter '*'       full BenchmarkDotNet runs
// dotnet run -c Release --project tests/Processes.Benchmarks -- --allocations      where task-inproc and process-steps allocate
// dotnet run -c Release --project tests/Processes.Benchmarks -- --build-cost-profile where build-cost's time goes
if (Array.IndexOf(args, "--quick") >= 0)
{
    return QuickRun.Run();
}

if (Array.IndexOf(args, "--build-cost-profile") >= 0)
{
    return BuildCostProfile.Run();
}

if (Array.IndexOf(args, "--allocations") >= 0)
{
    return await AllocationBreakdown.RunAsync();
}

BenchmarkSwitcher
    .FromTypes([typeof(TaskInProcessBenchmarks), typeof(ProcessStepsBenchmarks), typeof(CheckpointCodecBenchmarks), typeof(BuildCostBenchmarks)])
    .Run(args, FullRunConfig.Create());
return 0;
