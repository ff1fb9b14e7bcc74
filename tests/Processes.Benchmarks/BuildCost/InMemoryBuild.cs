using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Benchmarks.BuildCost;

/// <summary>Compiles syntax trees in memory against the framework and Processes.dll, with or without the SDK's compiler plugins.</summary>
internal static class InMemoryBuild
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(CreateReferences);

    // Debug, like the inner loop a developer waits on.
    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        optimizationLevel: OptimizationLevel.Debug);

    public static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Corpus", trees, LazyReferences.Value, Options);

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            CompilerPlugins.Generators,
            parseOptions: ProcessSourceCorpus.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Compiles and emits the trees as they are: the cost of the user's code alone.</summary>
    public static BuildOutcome EmitWithoutPlugins(IEnumerable<SyntaxTree> trees) => Emit(CreateCompilation(trees));

    /// <summary>
    /// Runs the generators, then compiles and emits everything with the analyzers attached as csc
    /// runs them (<see cref="CommandLineAnalyzerHost"/>: analysis shares the compiler's binding and
    /// runs alongside it; the build waits for it at the end).
    /// </summary>
    public static BuildOutcome EmitWithPlugins(IEnumerable<SyntaxTree> trees)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(trees), out var output, out var generatorDiagnostics);
        var analyzers = CommandLineAnalyzerHost.Attach(output, CompilerPlugins.Analyzers, logExecutionTime: false);
        var emitted = Emit(analyzers.Compilation);
        var analyzerDiagnostics = analyzers.GetDiagnostics();
        return emitted with
        {
            GeneratedTreeCount = output.SyntaxTrees.Count() - trees.Count(),
            ErrorCount = emitted.ErrorCount + CountErrors(generatorDiagnostics) + CountErrors(analyzerDiagnostics),
            AnalyzerDiagnosticCount = analyzerDiagnostics.Length,
        };
    }

    /// <summary>Emits the compilation as it is (no plugins run), for the profile's phases.</summary>
    public static BuildOutcome Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return new BuildOutcome(result.Success, CountErrors(result.Diagnostics), GeneratedTreeCount: 0, stream.Length, AnalyzerDiagnosticCount: 0);
    }

    private static int CountErrors(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = platform
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.OrdinalIgnoreCase)
                || Path.GetFileName(path).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(ProcessRegistry).Assembly.Location));
        return references.ToImmutableArray();
    }
}

/// <summary>What one in-memory build produced, so a benchmark can prove it compiled what it claims.</summary>
public sealed record BuildOutcome(bool Success, int ErrorCount, int GeneratedTreeCount, long AssemblyBytes, int AnalyzerDiagnosticCount);
