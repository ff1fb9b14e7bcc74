using Microsoft.CodeAnalysis;
using Xunit;

namespace Processes.Generators.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Task_with_help_from_doc_comment_trivia()
    {
        // DocumentationMode.None: the compiler keeps no doc comments, the generator reads the /// trivia.
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Snapshots.Task", DocumentationMode.None, TestSources.Square), DocumentationMode.None);
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        Snapshots.Verify("Task", result);
    }

    [Fact]
    public void Process_with_namespace_dynamic_optional_ports_and_state()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Snapshots.Process", DocumentationMode.Parse, TestSources.Relax));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        Snapshots.Verify("Process", result);
    }

    [Fact]
    public void Data_types_with_collections_nullable_values_and_enums()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Snapshots.DataTypes", DocumentationMode.Parse, TestSources.DataTypes));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        Snapshots.Verify("DataTypes", result);
    }

    [Fact]
    public void Process_with_outline_migrations()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Snapshots.Migrations", DocumentationMode.Parse, TestSources.Migrated));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        Snapshots.Verify("Migrations", result);
    }

    [Theory]
    [InlineData("ExposeWhole", ExposeSources.Whole)]
    [InlineData("ExposeNamespace", ExposeSources.Namespaced)]
    [InlineData("ExposeInclude", ExposeSources.Included)]
    [InlineData("ExposeExclude", ExposeSources.Excluded)]
    public void Process_exposing_a_child(string caseName, string source)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Snapshots." + caseName, DocumentationMode.Parse, ExposeSources.Child, source));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        Snapshots.Verify(caseName, result);
    }
}
