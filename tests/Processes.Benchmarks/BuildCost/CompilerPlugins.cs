using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Processes.Analyzers;
using Processes.Generators;

namespace Processes.Benchmarks.BuildCost;

/// <summary>
/// What the Processes.Sdk package adds to a user's build: the generator and every PRC analyzer.
/// build-cost charges all of it to "ours".
/// </summary>
internal static class CompilerPlugins
{
    public static ImmutableArray<ISourceGenerator> Generators { get; } =
        ImmutableArray.Create(new ProcessGenerator().AsSourceGenerator());

    /// <summary>
    /// Every C# analyzer in Processes.Analyzers.dll, found as csc finds them in an analyzer
    /// assembly (<c>[DiagnosticAnalyzer]</c> types), so a new analyzer is measured without editing this list.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(BlockingWaitAnalyzer).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
            && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>()?.Languages.Contains(LanguageNames.CSharp) == true)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();
}
