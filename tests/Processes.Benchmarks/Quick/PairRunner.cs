using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Processes.Benchmarks.Quick;

/// <summary>Runs a case's "ours" and baseline benchmarks with BenchmarkDotNet in one short, in-process run.</summary>
internal sealed class PairRunner(string artifactsPath)
{
    public MeasuredPair Run(Type benchmarkClass, string oursMethod, string baselineMethod, Job job)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddFilter(new SimpleFilter(benchmark => benchmark.Descriptor.WorkloadMethod.Name == oursMethod || benchmark.Descriptor.WorkloadMethod.Name == baselineMethod))
            .WithArtifactsPath(Path.Combine(artifactsPath, benchmarkClass.Name))
            .WithOptions(ConfigOptions.DisableLogFile);

        var summary = BenchmarkRunner.Run(benchmarkClass, config);
        return new MeasuredPair(Find(summary, oursMethod), Find(summary, baselineMethod));
    }

    private static Measurement Find(Summary summary, string method)
    {
        var report = summary.Reports.SingleOrDefault(report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
        if (report?.ResultStatistics is not { } statistics)
        {
            // A benchmark that failed must fail the quick run, never leave a hole that looks like a number.
            throw new InvalidOperationException($"{summary.Title}: benchmark '{method}' produced no result; see the log above.");
        }

        return new Measurement(method, statistics.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
    }
}
