using System;
using System.Collections;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Processes.Generators.Tests;

public sealed class IncrementalTests
{
    private const string Unrelated = """
        namespace Other;

        public static class Helper
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    private static readonly string[] TrackedSteps =
    {
        ProcessGenerator.TrackingNames.Processes,
        ProcessGenerator.TrackingNames.Tasks,
        ProcessGenerator.TrackingNames.Namespaces,
        ProcessGenerator.TrackingNames.DataTypes,
        ProcessGenerator.TrackingNames.MemoryPackables,
        ProcessGenerator.TrackingNames.DebugBuild,
        ProcessGenerator.TrackingNames.Registrations,
    };

    [Fact]
    public void Second_run_without_changes_is_fully_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation("Incremental", DocumentationMode.Parse, TestSources.Relax, TestSources.Square, TestSources.DataTypes, ExposeSources.Child, ExposeSources.Namespaced, ExposeSources.Outer, MemoryPackSources.Attributes, MemoryPackSources.Shipping, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var first = driver.GetRunResult();
        var second = driver.RunGenerators(compilation.Clone(), TestContext.Current.CancellationToken).GetRunResult();

        AssertAllCached(first, second);
    }

    [Fact]
    public void An_unrelated_edit_in_another_file_keeps_every_step_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation("Incremental", DocumentationMode.Parse, TestSources.Relax, TestSources.Square, TestSources.DataTypes, ExposeSources.Child, ExposeSources.Namespaced, ExposeSources.Outer, MemoryPackSources.Attributes, MemoryPackSources.Shipping, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var first = driver.GetRunResult();

        var oldTree = compilation.SyntaxTrees.Last();
        var newTree = oldTree.WithChangedText(oldTree.GetText(TestContext.Current.CancellationToken).Replace(oldTree.ToString().IndexOf("value * 2", StringComparison.Ordinal), "value * 2".Length, "value + value"));
        var edited = compilation.ReplaceSyntaxTree(oldTree, newTree);
        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult();

        AssertAllCached(first, second);
    }

    [Fact]
    public void Editing_a_process_regenerates_its_model()
    {
        var compilation = GeneratorHarness.CreateCompilation("Incremental", DocumentationMode.Parse, TestSources.Relax, TestSources.Square);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var oldTree = compilation.SyntaxTrees.First();
        var newTree = oldTree.WithChangedText(oldTree.GetText(TestContext.Current.CancellationToken).Replace(oldTree.ToString().IndexOf("= 50;", StringComparison.Ordinal), "= 50;".Length, "= 60;"));
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree), TestContext.Current.CancellationToken).GetRunResult();

        var reasons = result.Results[0].TrackedSteps[ProcessGenerator.TrackingNames.Processes].SelectMany(step => step.Outputs).Select(output => output.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    private static void AssertAllCached(GeneratorDriverRunResult first, GeneratorDriverRunResult second)
    {
        var firstSteps = first.Results[0].TrackedSteps;
        var secondSteps = second.Results[0].TrackedSteps;
        foreach (var name in TrackedSteps)
        {
            Assert.True(firstSteps.ContainsKey(name), $"The step '{name}' was not tracked.");
            Assert.True(secondSteps.ContainsKey(name), $"The step '{name}' was not tracked on the second run.");
            foreach (var step in firstSteps[name])
            {
                foreach (var output in step.Outputs)
                {
                    AssertNoCompilerObjects(output.Value, name);
                }
            }

            foreach (var step in secondSteps[name])
            {
                foreach (var (value, reason) in step.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"The step '{name}' produced {reason} for {value}.");
                }
            }
        }
    }

    /// <summary>Walks a model and fails on anything that would keep a compilation alive.</summary>
    private static void AssertNoCompilerObjects(object? value, string step, int depth = 0)
    {
        if (value is null || depth > 32 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SemanticModel or SyntaxTree, $"The step '{step}' holds a {value.GetType().Name}.");
        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertNoCompilerObjects(item, step, depth + 1);
            }

            return;
        }

        var type = value.GetType();
        if (type.Namespace?.StartsWith("Processes.Generators", StringComparison.Ordinal) != true && !type.Name.StartsWith("ValueTuple", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        {
            AssertNoCompilerObjects(field.GetValue(value), step, depth + 1);
        }
    }
}
