using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// `--build-cost-profile --per-analyzer`: what each analyzer adds to a csc-style build on its own.
/// The driver's own work (events, declarations, operation trees, syntax walks) is charged to no
/// analyzer by the telemetry, so the profile also times a cold emit with each analyzer attached
/// alone, with none, and with an analyzer that registers nothing (the price of attaching a driver
/// at all), in rounds, and prints the medians of wall time, of the process's CPU time (all
/// threads) and of the bytes allocated. On a shared, overloaded machine even CPU time swings;
/// the allocations do not, and most of an analyzer driver's work is allocation (operation trees,
/// declaration data, cached semantic models), so they are the figure to compare between changes.
/// </summary>
internal static class AnalyzerMarginals
{
    public static void Run(Compilation withGenerated, int rounds)
    {
        var variants = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
        {
            ("no analyzers", ImmutableArray<DiagnosticAnalyzer>.Empty),
            ("an analyzer that registers nothing", ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer())),
        };
        variants.AddRange(CompilerPlugins.Analyzers.Select(analyzer => (analyzer.GetType().Name, ImmutableArray.Create(analyzer))));
        variants.Add(("all analyzers", CompilerPlugins.Analyzers));

        var times = variants.ToDictionary(variant => variant.Name, _ => new List<double>());
        var cpuTimes = variants.ToDictionary(variant => variant.Name, _ => new List<double>());
        var allocations = variants.ToDictionary(variant => variant.Name, _ => new List<double>());
        var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, analyzers) in variants)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                if (analyzers.IsEmpty)
                {
                    InMemoryBuild.Emit(withGenerated.Clone());
                }
                else
                {
                    var host = CommandLineAnalyzerHost.Attach(withGenerated, analyzers, logExecutionTime: false);
                    InMemoryBuild.Emit(host.Compilation);
                    host.GetDiagnostics();
                }

                times[name].Add(clock.Elapsed.TotalMilliseconds);
                allocations[name].Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1e6);
                process.Refresh();
                cpuTimes[name].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
        }

        var baseline = Median(times["no analyzers"]);
        var cpuBaseline = Median(cpuTimes["no analyzers"]);
        var allocatedBaseline = Median(allocations["no analyzers"]);
        Console.WriteLine($"  cold emit with analyzers attached as csc does, medians of {rounds} rounds, each also as + over no analyzers: wall | CPU | allocated");
        foreach (var (name, _) in variants)
        {
            var median = Median(times[name]);
            var cpu = Median(cpuTimes[name]);
            var allocated = Median(allocations[name]);
            Console.WriteLine($"    {name,-36} {median,8:N0} ms {median - baseline,+7:N0} | {cpu,8:N0} ms {cpu - cpuBaseline,+7:N0} | {allocated,7:N0} MB {allocated - allocatedBaseline,+6:N0}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(value => value).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // Attaching an analyzer costs something even when it does nothing: csc adds the event queue
    // and cached semantic models for any analyzer. This one measures that floor.
    // It claims PRC0022's descriptor: the driver skips an analyzer that supports no enabled diagnostic.
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
#pragma warning disable RS1036 // The benchmarks are not an analyzer project; this floor measurement lives beside the harness that runs it.
    private sealed class NothingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = new Processes.Analyzers.BlockingWaitAnalyzer().SupportedDiagnostics;

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }
#pragma warning restore RS1036
}
