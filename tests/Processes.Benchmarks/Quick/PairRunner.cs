using System;
using System.Collections.Generic;
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
        var summary = RunBoth(benchmarkClass, oursMethod, baselineMethod, job);
        return new MeasuredPair(Find(summary, oursMethod, _ => true), Find(summary, baselineMethod, _ => true));
    }

    /// <summary>Runs the pair once per value of a [Params]/[ParamsSource] member; pairs come back in the order of <paramref name="values"/>.</summary>
    public IReadOnlyList<(int Value, MeasuredPair Pair)> RunPerParameter(Type benchmarkClass, string oursMethod, string baselineMethod, string parameter, IReadOnlyList<int> values, Job job)
    {
        var summary = RunBoth(benchmarkClass, oursMethod, baselineMethod, job);
        return values
            .Select(value => (value, new MeasuredPair(
                Find(summary, oursMethod, report => Equals(report.BenchmarkCase.Parameters[parameter], value)),
                Find(summary, baselineMethod, report => Equals(report.BenchmarkCase.Parameters[parameter], value)))))
            .ToList();
    }

    private Summary RunBoth(Type benchmarkClass, string oursMethod, string baselineMethod, Job job)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddFilter(new SimpleFilter(benchmark => benchmark.Descriptor.WorkloadMethod.Name == oursMethod || benchmark.Descriptor.WorkloadMethod.Name == baselineMethod))
            .WithArtifactsPath(Path.Combine(artifactsPath, benchmarkClass.Name))
            .WithOptions(ConfigOptions.DisableLogFile);

        return BenchmarkRunner.Run(benchmarkClass, config);
    }

    private static Measurement Find(Summary summary, string method, Func<BenchmarkReport, bool> matches)
    {
        var report = summary.Reports.SingleOrDefault(report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && matches(report));
        if (report?.ResultStatistics is not { } statistics)
        {
            // A benchmark that failed must fail the quick run, never leave a hole that looks like a number.
            throw new InvalidOperationException($"{summary.Title}: benchmark '{method}' produced no result; see the log above.");
        }

        return new Measurement(method, statistics.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
    }
}
