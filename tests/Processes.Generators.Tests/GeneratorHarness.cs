using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>Runs the generator over in-memory sources and compiles the result against the real Processes.dll.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(CreateReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions(DocumentationMode documentation = DocumentationMode.Parse) =>
        new(LanguageVersion.Latest, documentation);

    public static CSharpCompilation CreateCompilation(string assemblyName, DocumentationMode documentation, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions(documentation), path: $"Source{index}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug));

    public static GeneratorDriver CreateDriver(DocumentationMode documentation = DocumentationMode.Parse) =>
        CSharpGeneratorDriver.Create(
            new[] { new ProcessGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions(documentation),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and returns its result and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(CSharpCompilation compilation, DocumentationMode documentation = DocumentationMode.Parse)
    {
        var driver = CreateDriver(documentation).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);
        Assert.Empty(diagnostics);
        return (driver.GetRunResult(), output);
    }

    /// <summary>Generates, compiles with zero warnings and loads the assembly into a collectible context.</summary>
    public static Assembly CompileAndLoad(string assemblyName, params string[] sources)
    {
        var (_, output) = Run(CreateCompilation(assemblyName, DocumentationMode.Diagnose, sources));
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        AssertNoWarnings(emitted.Diagnostics);
        Assert.True(emitted.Success);
        stream.Position = 0;
        var context = new AssemblyLoadContext(assemblyName, isCollectible: true);
        return context.LoadFromStream(stream);
    }

    /// <summary>Fails on any warning or error (binding-redirect notes aside).</summary>
    public static void AssertNoWarnings(IEnumerable<Diagnostic> diagnostics)
    {
        var problems = diagnostics
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Id is not ("CS1701" or "CS1702") && !IsUndocumentedUserMember(diagnostic))
            .Select(diagnostic => diagnostic.ToString())
            .ToList();
        Assert.True(problems.Count == 0, "Generated code must compile without warnings:\n" + string.Join("\n", problems));
    }

    // The test sources themselves are not documented; generated members must be.
    private static bool IsUndocumentedUserMember(Diagnostic diagnostic) =>
        diagnostic.Id == "CS1591" && diagnostic.Location.SourceTree?.FilePath.StartsWith("Source", StringComparison.Ordinal) == true;

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new List<MetadataReference>();
        foreach (var path in platform)
        {
            var isFramework = string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.OrdinalIgnoreCase);
            var isRuntimeDependency = Path.GetFileName(path).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);
            if (isFramework || isRuntimeDependency)
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(ProcessRegistry).Assembly.Location));
        return references.ToImmutableArray();
    }
}
