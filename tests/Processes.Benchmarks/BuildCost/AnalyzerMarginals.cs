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
/// at all), in rounds, and prints the medians.
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
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, analyzers) in variants)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
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
            }
        }

        var baseline = Median(times["no analyzers"]);
        Console.WriteLine($"  cold emit with one analyzer attached as csc does, median of {rounds} rounds (all times ms: {string.Join(", ", "no analyzers")} first):");
        foreach (var (name, _) in variants)
        {
            var median = Median(times[name]);
            Console.WriteLine($"    {name,-36} {median,8:N0} ms  {median - baseline,+8:N0} ms  ({string.Join(", ", times[name].Select(time => time.ToString("N0")))})");
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
