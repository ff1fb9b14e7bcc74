using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Generators;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// What the Processes.Sdk package adds to a user's build. build-cost charges all of it to "ours":
/// when the PRC analyzers land, add them to <see cref="Analyzers"/> and they are measured too.
/// </summary>
internal static class CompilerPlugins
{
    public static ImmutableArray<ISourceGenerator> Generators { get; } =
        ImmutableArray.Create(new ProcessGenerator().AsSourceGenerator());

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray<DiagnosticAnalyzer>.Empty;
}
