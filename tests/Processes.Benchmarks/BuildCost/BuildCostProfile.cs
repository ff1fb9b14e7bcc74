using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// `--build-cost-profile`: splits one cold build of the corpus into its phases (generator run,
/// binding, emit, analyzers) and sizes the generated code, to show where build-cost's time goes.
/// The analyzers are timed twice: attached to an emit as csc runs them (the cost a build pays:
/// emit with them minus a cold emit without them) and through the public
/// <see cref="CompilationWithAnalyzers"/>, whose telemetry gives each analyzer's callback time.
/// </summary>
internal static class BuildCostProfile
{
    // Wall time, and the process's CPU time over the same span (all threads): on a shared machine
    // other processes stretch the first, not the second.
    private static TimeSpan _cpuAtRestart;
    private static long _allocatedAtRestart;

    public static int Run(bool perAnalyzer = false)
    {
        var trees = ProcessSourceCorpus.ParseAll();
        if (perAnalyzer)
        {
            InMemoryBuild.CreateDriver().RunGeneratorsAndUpdateCompilation(InMemoryBuild.CreateCompilation(trees), out var generated, out _);
            AnalyzerMarginals.Run(generated, rounds: 2);
            return 0;
        }

        for (var round = 1; round <= 2; round++)
        {
            Console.WriteLine($"round {round} (round 1 includes JIT):");
            var clock = Stopwatch.StartNew();
            Restart(clock);
            var userOnly = InMemoryBuild.CreateCompilation(trees);
            var userDiagnostics = userOnly.GetDiagnostics();
            Report("  user code only: GetDiagnostics (bind)", clock);
            EmitTimed("  user code only: emit after bind", userOnly, clock);

            var driver = InMemoryBuild.CreateDriver().RunGeneratorsAndUpdateCompilation(InMemoryBuild.CreateCompilation(trees), out var withGenerated, out _);
            Report("  generator run (driver, incl. parsing its output)", clock);
            var timing = driver.GetTimingInfo();
            Console.WriteLine($"    driver's own timing: {timing.ElapsedTime.TotalMilliseconds:0} ms; generator {timing.GeneratorTimes.Single().ElapsedTime.TotalMilliseconds:0} ms");
            var generatedDiagnostics = withGenerated.GetDiagnostics();
            Report("  with generated code: GetDiagnostics (bind)", clock);
            EmitTimed("  with generated code: emit after bind", withGenerated, clock);
            ProfileAnalyzers(withGenerated, clock);

            var generated = driver.GetRunResult().GeneratedTrees;
            var generatedCharacters = generated.Sum(tree => tree.Length);
            var generatedLines = generated.Sum(tree => tree.GetText().Lines.Count);
            Console.WriteLine($"  user code: {trees.Sum(tree => tree.Length):N0} chars, {trees.Sum(tree => tree.GetText().Lines.Count):N0} lines in {trees.Length} files; {userDiagnostics.Length} diagnostics");
            Console.WriteLine($"  generated: {generatedCharacters:N0} chars, {generatedLines:N0} lines in {generated.Length} files; {generatedDiagnostics.Length} diagnostics");
            WriteSample(generated[0]);
        }

        return 0;
    }

    private static void ProfileAnalyzers(Compilation withGenerated, Stopwatch clock)
    {
        // Both emits start from a copy with nothing bound yet, as a build does (the attached copy is new too).
        Restart(clock);
        var coldEmit = InMemoryBuild.Emit(withGenerated.Clone());
        var coldEmitTime = clock.Elapsed;
        var coldEmitCpu = CpuTime() - _cpuAtRestart;
        var coldEmitAllocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtRestart;
        Report($"  with generated code: cold emit, no analyzers ({coldEmit.AssemblyBytes:N0} bytes, success {coldEmit.Success})", clock);

        var host = CommandLineAnalyzerHost.Attach(withGenerated, CompilerPlugins.Analyzers, logExecutionTime: true);
        var attachedEmit = InMemoryBuild.Emit(host.Compilation);
        var analyzerDiagnostics = host.GetDiagnostics();
        var attachedTime = clock.Elapsed;
        var attachedCpu = CpuTime() - _cpuAtRestart;
        var attachedAllocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtRestart;
        Report($"  with generated code: cold emit with {CompilerPlugins.Analyzers.Length} analyzers attached as csc does (success {attachedEmit.Success}; semantic models from {host.SemanticModelProviderName}; waited {host.WaitAfterEmit.TotalMilliseconds:N0} ms for analyzers after emit; {analyzerDiagnostics.Length} analyzer diagnostics)", clock);
        var analyzersTime = attachedTime - coldEmitTime;
        var analyzersCpu = attachedCpu - coldEmitCpu;
        Console.WriteLine($"  analyzers (attached emit - cold emit): {analyzersTime.TotalMilliseconds:N0} ms, {100 * analyzersTime.TotalMilliseconds / attachedTime.TotalMilliseconds:0}% of the attached build (CPU {analyzersCpu.TotalMilliseconds:N0} ms, {100 * analyzersCpu.TotalMilliseconds / attachedCpu.TotalMilliseconds:0}%; allocated {(attachedAllocated - coldEmitAllocated) / 1e6:N0} MB, {100.0 * (attachedAllocated - coldEmitAllocated) / attachedAllocated:0}%)");

        var withAnalyzers = withGenerated.WithAnalyzers(CompilerPlugins.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false));
        var result = withAnalyzers.GetAnalysisResultAsync(default).GetAwaiter().GetResult();
        Report($"  CompilationWithAnalyzers.GetAnalysisResultAsync (binds its own copy again, then analyzes; {result.GetAllDiagnostics().Length} diagnostics)", clock);

        var cscTimes = host.ExecutionTimes;
        Console.WriteLine("    per analyzer, callback time summed over threads: attached as csc | CompilationWithAnalyzers | actions registered");
        foreach (var analyzer in CompilerPlugins.Analyzers.OrderByDescending(analyzer => result.AnalyzerTelemetryInfo[analyzer].ExecutionTime))
        {
            var telemetry = result.AnalyzerTelemetryInfo[analyzer];
            Console.WriteLine($"    {analyzer.GetType().Name,-36} {cscTimes.GetValueOrDefault(analyzer).TotalMilliseconds,8:N0} ms | {telemetry.ExecutionTime.TotalMilliseconds,8:N0} ms | {Actions(telemetry)}");
        }

        Console.WriteLine($"    {"total",-36} {cscTimes.Values.Sum(time => time.TotalMilliseconds),8:N0} ms | {result.AnalyzerTelemetryInfo.Values.Sum(info => info.ExecutionTime.TotalMilliseconds),8:N0} ms");
        Restart(clock);
    }

    private static string Actions(AnalyzerTelemetryInfo telemetry)
    {
        var counts = new (string Name, int Count)[]
        {
            ("compilation start", telemetry.CompilationStartActionsCount),
            ("compilation end", telemetry.CompilationEndActionsCount),
            ("symbol", telemetry.SymbolActionsCount),
            ("syntax node", telemetry.SyntaxNodeActionsCount),
            ("operation", telemetry.OperationActionsCount),
            ("operation block", telemetry.OperationBlockActionsCount),
            ("code block", telemetry.CodeBlockActionsCount),
            ("syntax tree", telemetry.SyntaxTreeActionsCount),
            ("semantic model", telemetry.SemanticModelActionsCount),
        };
        return string.Join(", ", counts.Where(count => count.Count > 0).Select(count => $"{count.Count} {count.Name}"));
    }

    // One generated file on disk, to see which members make the generated code large.
    private static void WriteSample(SyntaxTree generated)
    {
        var path = Path.Combine(RepositoryPaths.BenchArtifacts, "build-cost", Path.GetFileName(generated.FilePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, generated.ToString());
        Console.WriteLine($"  sample generated file: {path}");
    }

    private static void EmitTimed(string label, Compilation compilation, Stopwatch clock)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Report($"{label} ({stream.Length:N0} bytes, success {result.Success})", clock);
    }

    private static void Report(string label, Stopwatch clock)
    {
        var cpu = CpuTime();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        Console.WriteLine($"{label}: {clock.Elapsed.TotalMilliseconds:N0} ms (CPU {(cpu - _cpuAtRestart).TotalMilliseconds:N0} ms, allocated {(allocated - _allocatedAtRestart) / 1e6:N0} MB)");
        Restart(clock);
    }

    private static void Restart(Stopwatch clock)
    {
        _cpuAtRestart = CpuTime();
        _allocatedAtRestart = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
