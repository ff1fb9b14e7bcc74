using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// Builds in-memory compilations against the real runtime (<c>Processes.dll</c>) and the platform
/// assemblies, and runs every analyzer of <c>Processes.Analyzers</c> over them.
/// </summary>
/// <remarks>
/// Analyzer and code-fix tests run on Microsoft.CodeAnalysis.Testing (<see cref="ProcessesTest{TFix}"/>),
/// which takes its references, options and analyzers from here. The tests that check a whole
/// corpus at once (<c>CleanCorpusTests</c>), time the analyzers (<c>PerformanceTests</c>) or read the
/// descriptors (<c>DocumentationTests</c>) build their compilations here directly.
/// </remarks>
public static class TestCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> LazyAnalyzers = new(() =>
        typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray());

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => LazyAnalyzers.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable);

    public static CSharpCompilation Create(params string[] sources) => Create(sources, CompilationOptions);

    public static CSharpCompilation Create(IEnumerable<string> sources, CSharpCompilationOptions options) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/src/Test{index}.cs")),
            References,
            options);

    /// <summary>The PRC diagnostics of every analyzer, ordered by file and position.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetProcessDiagnosticsAsync(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        var failures = diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("An analyzer threw: " + string.Join(Environment.NewLine, failures));
        }

        return diagnostics
            .Where(diagnostic => diagnostic.Id.StartsWith("PRC", StringComparison.Ordinal))
            .OrderBy(diagnostic => diagnostic.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Extensions.Logging.Abstractions.dll");
        return platform
            .Append(typeof(ProcessAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
