using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// `--build-cost-profile`: splits one cold build of the corpus into its phases (generator run,
/// binding, emit) and sizes the generated code, to show where build-cost's time goes.
/// </summary>
internal static class BuildCostProfile
{
    public static int Run()
    {
        var trees = ProcessSourceCorpus.ParseAll();
        for (var round = 1; round <= 2; round++)
        {
            Console.WriteLine($"round {round} (round 1 includes JIT):");
            var clock = Stopwatch.StartNew();
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

            var generated = driver.GetRunResult().GeneratedTrees;
            var generatedCharacters = generated.Sum(tree => tree.Length);
            var generatedLines = generated.Sum(tree => tree.GetText().Lines.Count);
            Console.WriteLine($"  user code: {trees.Sum(tree => tree.Length):N0} chars, {trees.Sum(tree => tree.GetText().Lines.Count):N0} lines in {trees.Length} files; {userDiagnostics.Length} diagnostics");
            Console.WriteLine($"  generated: {generatedCharacters:N0} chars, {generatedLines:N0} lines in {generated.Length} files; {generatedDiagnostics.Length} diagnostics");
            WriteSample(generated[0]);
        }

        return 0;
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
        Console.WriteLine($"{label}: {clock.Elapsed.TotalMilliseconds:N0} ms");
        clock.Restart();
    }
}
