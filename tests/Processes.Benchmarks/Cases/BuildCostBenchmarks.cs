using System;
using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Processes.Benchmarks.BuildCost;

namespace Processes.Benchmarks.Cases;

/// <summary>
/// build-cost: compiling 500 [Process] classes in memory with the SDK's generator and analyzers
/// (attached as csc attaches them, see <see cref="CommandLineAnalyzerHost"/>) against the same
/// compilation without them. Parsing is shared and not measured.
/// </summary>
[MemoryDiagnoser]
public class BuildCostBenchmarks
{
    private const int SliceSize = 10;

    private ImmutableArray<SyntaxTree> _trees;
    private GeneratorDriver _warmDriver = null!;
    private Compilation _editedCompilation = null!;

    [GlobalSetup]
    public void ParseCorpus()
    {
        _trees = ProcessSourceCorpus.ParseAll();
        // Refuse to time a build that fails. Every corpus file comes from one template, so a slice
        // proves the template compiles both ways without paying for a whole extra build here.
        var slice = _trees[..SliceSize];
        var withPlugins = InMemoryBuild.EmitWithPlugins(slice);
        var withoutPlugins = InMemoryBuild.EmitWithoutPlugins(slice);
        if (!withPlugins.Success || !withoutPlugins.Success || withPlugins.GeneratedTreeCount != SliceSize + 1
            || withPlugins.AnalyzerDiagnosticCount != 0 || CompilerPlugins.Analyzers.IsEmpty)
        {
            throw new InvalidOperationException($"The corpus does not build: with plugins {withPlugins}, without {withoutPlugins}.");
        }

        var compilation = InMemoryBuild.CreateCompilation(_trees);
        _warmDriver = InMemoryBuild.CreateDriver().RunGenerators(compilation);
        _editedCompilation = compilation.ReplaceSyntaxTree(_trees[0], ProcessSourceCorpus.WithStepBodyEdited(_trees[0]));
    }

    [Benchmark]
    public BuildOutcome CompileWithPlugins() => InMemoryBuild.EmitWithPlugins(_trees);

    [Benchmark(Baseline = true)]
    public BuildOutcome CompileWithoutPlugins() => InMemoryBuild.EmitWithoutPlugins(_trees);

    // GeneratorDriver is immutable, so every invocation reruns from the same warm state: the IDE's case.
    [Benchmark]
    public GeneratorDriver RerunGeneratorAfterMethodBodyEdit() => _warmDriver.RunGenerators(_editedCompilation);
}
