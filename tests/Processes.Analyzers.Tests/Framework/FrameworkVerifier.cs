using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Processes.Analyzers.Tests.Harness;

namespace Processes.Analyzers.Tests.Framework;

/// <summary>
/// Microsoft.CodeAnalysis.CSharp.CodeFix.Testing 1.1.4, offline: its reference assemblies would be
/// downloaded from nuget.org (Microsoft.NETCore.App.Ref), so the tests start from an empty set and
/// add the same references as our own harness (<see cref="TestCompilation.References"/>: the
/// running platform's assemblies and Processes.dll).
/// </summary>
public static class FrameworkVerifier
{
    /// <summary>No package to resolve: the references come from <see cref="TestCompilation.References"/>.</summary>
    public static ReferenceAssemblies Offline { get; } = new("net10.0");

    /// <summary>An analyzer-only test (the code-fix package's test with its empty fix provider: no fix is expected).</summary>
    public sealed class AnalyzerTest<TAnalyzer> : CSharpCodeFixTest<TAnalyzer, EmptyCodeFixProvider, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public AnalyzerTest()
        {
            ReferenceAssemblies = Offline;
            TestState.AdditionalReferences.AddRange(TestCompilation.References);
        }

        protected override CompilationOptions CreateCompilationOptions() => TestCompilation.CompilationOptions;

        protected override ParseOptions CreateParseOptions() => TestCompilation.ParseOptions;
    }

    public sealed class CodeFixTest<TAnalyzer, TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        public CodeFixTest()
        {
            ReferenceAssemblies = Offline;
            TestState.AdditionalReferences.AddRange(TestCompilation.References);
            FixedState.AdditionalReferences.AddRange(TestCompilation.References);
        }

        protected override CompilationOptions CreateCompilationOptions() => TestCompilation.CompilationOptions;

        protected override ParseOptions CreateParseOptions() => TestCompilation.ParseOptions;
    }

    private static void AddRange(this MetadataReferenceCollection collection, ImmutableArray<MetadataReference> references)
    {
        foreach (var reference in references)
        {
            collection.Add(reference);
        }
    }
}
