using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Processes.Generators;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// The test every analyzer and code-fix test runs on: Microsoft.CodeAnalysis.CSharp.CodeFix.Testing
/// 1.1.4's <see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>, offline, with every
/// analyzer of Processes.Analyzers at once (as a consumer's build runs them) and the fix
/// <typeparamref name="TFix"/> (<see cref="EmptyCodeFixProvider"/> for an analyzer-only test).
/// </summary>
/// <remarks>
/// The framework's reference assemblies would be downloaded from nuget.org
/// (Microsoft.NETCore.App.Ref), so the test starts from an empty set and adds
/// <see cref="TestCompilation.References"/>: the running platform's assemblies and Processes.dll.
/// The type argument <c>ProcessDeclarationAnalyzer</c> only satisfies the base class:
/// <see cref="GetDiagnosticAnalyzers"/> returns all of them. The source generator runs too, as in
/// a consumer's build: the sources launch processes and tasks through the interfaces it
/// implements (<c>IProcessDefinition&lt;T&gt;</c>), and the framework fails a test on any compiler
/// error it does not expect. Its output is not compared here
/// (<see cref="TestBehaviors.SkipGeneratedSourcesCheck"/>): Processes.Generators.Tests pins it
/// with snapshots.
/// </remarks>
public sealed class ProcessesTest<TFix> : CSharpCodeFixTest<ProcessDeclarationAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    /// <summary>No package to resolve: the references come from <see cref="TestCompilation.References"/>.</summary>
    private static readonly ReferenceAssemblies Offline = new("net10.0");

    public ProcessesTest()
    {
        ReferenceAssemblies = Offline;
        TestState.AdditionalReferences.AddRange(TestCompilation.References);
        FixedState.AdditionalReferences.AddRange(TestCompilation.References);
        BatchFixedState.AdditionalReferences.AddRange(TestCompilation.References);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    /// <summary>The descriptor an ID names, for its default severity and message format.</summary>
    public static DiagnosticDescriptor Descriptor(string id) =>
        TestCompilation.Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).First(descriptor => descriptor.Id == id);

    /// <summary>Analyzers a test runs besides ours (a stand-in for the trim analyzer whose warning our suppressor suppresses).</summary>
    public List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new();

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => TestCompilation.Analyzers.Concat(AdditionalAnalyzers);

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(ProcessGenerator)];

    protected override CompilationOptions CreateCompilationOptions() => TestCompilation.CompilationOptions;

    /// <summary>
    /// The framework sets every analyzer diagnostic to <see cref="ReportDiagnostic.Default"/> in the
    /// compilation options, to enable those off by default; ours are all on by default, and that
    /// compilation-wide setting would override an <c>.editorconfig</c> raising a warning to an
    /// error, which a consumer's build does not. So those entries are taken out again.
    /// </summary>
    protected override Project ApplyCompilationOptions(Project project)
    {
        project = base.ApplyCompilationOptions(project);
        var options = project.CompilationOptions!;
        var specific = options.SpecificDiagnosticOptions.RemoveRange(
            options.SpecificDiagnosticOptions.Where(option => option.Value == ReportDiagnostic.Default).Select(option => option.Key));
        return project.WithCompilationOptions(options.WithSpecificDiagnosticOptions(specific));
    }

    protected override ParseOptions CreateParseOptions() => TestCompilation.ParseOptions;
}
