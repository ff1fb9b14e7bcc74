using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class MapOptionsTests
{
    private static string Step(string options) => $$"""
        using System.Linq;
        using Processes;

        [Task]
        public partial class Square
        {
            [Input] public int X { get; init; }
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Map).Step(Read);
            void Map(StepContext context) => context.StartChildren("s", Enumerable.Range(0, 3).Select(x => new Square { X = x }), {{options}});
            void Read(StepContext context) => context.GetChildren<Square>("s");
        }
        """;

    [Theory]
    [InlineData("new MapOptions { [|ChunkSize = 0|] }", "ChunkSize", "0")]
    [InlineData("new MapOptions { [|MaxParallelism = -2|] }", "MaxParallelism", "-2")]
    [InlineData("new MapOptions() with { [|ChunkSize = 0|] }", "ChunkSize", "0")]
    public Task PRC0038_a_constant_below_one_is_reported(string options, string name, string value) => AnalyzerVerifier.VerifyAsync(
        Step(options),
        new ExpectedDiagnostic("PRC0038", $"MapOptions.{name} must be at least 1, but is {value}: the map would throw ArgumentOutOfRangeException when it starts"));

    [Theory]
    [InlineData("new MapOptions { ChunkSize = 500, MaxParallelism = 1 }")]
    [InlineData("new MapOptions { ChunkSize = System.Environment.ProcessorCount - 8 }")]
    public Task Valid_or_computed_values_are_not_reported(string options) => AnalyzerVerifier.VerifyCleanAsync(Step(options));
}
