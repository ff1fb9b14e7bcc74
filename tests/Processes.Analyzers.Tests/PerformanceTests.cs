using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>
/// Measures the analyzers on 500 generated [Process] classes and prints the figures (see
/// docs/performance.md). Timing is reported, never asserted: shared machines are too noisy.
/// </summary>
public sealed class PerformanceTests
{
    private const int ProcessCount = 500;

    [Fact]
    public async Task Analyzers_on_500_processes()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var sources = Enumerable.Range(0, ProcessCount).Select(Process).ToArray();

        // Warm up the compiler and the analyzers once so the measurement excludes JIT time.
        _ = await TestCompilation.GetProcessDiagnosticsAsync(TestCompilation.Create(sources.Take(20).ToArray()), TestContext.Current.CancellationToken);

        var compileOnly = Stopwatch.StartNew();
        var plain = TestCompilation.Create(sources);
        var compileDiagnostics = plain.GetDiagnostics(TestContext.Current.CancellationToken);
        compileOnly.Stop();

        var withAnalyzers = Stopwatch.StartNew();
        var compilation = TestCompilation.Create(sources);
        _ = compilation.GetDiagnostics(TestContext.Current.CancellationToken);
        var diagnostics = await TestCompilation.GetProcessDiagnosticsAsync(compilation, TestContext.Current.CancellationToken);
        withAnalyzers.Stop();

        // The generated classes are valid except for one deliberate cycle per 100 processes, so the
        // cycle analysis has real work to do and the run is checked to have analyzed everything.
        Assert.Empty(compileDiagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        Assert.Equal(ProcessCount / 100, diagnostics.Count(diagnostic => diagnostic.Id == "PRC0021"));
        Assert.Equal(diagnostics.Length, diagnostics.Count(diagnostic => diagnostic.Id == "PRC0021"));

        var ratio = withAnalyzers.Elapsed.TotalMilliseconds / compileOnly.Elapsed.TotalMilliseconds;
        output.WriteLine($"{ProcessCount} processes: compile {compileOnly.ElapsedMilliseconds} ms, compile + analyzers {withAnalyzers.ElapsedMilliseconds} ms, ratio {ratio:F2}");
    }

    // Each process has ports with validation, state, an outline with a loop, and launches the next
    // process; every hundredth launches back to the start of its block of one hundred (a cycle).
    private static string Process(int index)
    {
        var next = index % 100 == 99 ? index - 99 : index + 1;
        var launch = next < ProcessCount ? $"context.StartChild(\"next\", new P{next} {{ Steps = 1 }});" : string.Empty;
        var source = new StringBuilder();
        source.Append($$"""
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using System.Threading.Tasks;
            using Processes;

            namespace Bench;

            [ProcessData]
            public partial class Data{{index}}
            {
                public List<double> Values { get; set; } = new();
                public Dictionary<string, int> Counts { get; set; } = new();
            }

            [Process]
            public partial class P{{index}}
            {
                [Input, Range(1, 100)] public int Steps { get; init; } = 10;
                [Input, MaxLength(20), RegularExpression("[a-z]*")] public string Label { get; init; } = "abc";
                [Input] public Data{{index}}? Data { get; init; }
                [Output] public double Total { get; private set; }
                private int _step;
                private readonly List<double> _seen = new();

                private void DefineOutline(OutlineBuilder outline) =>
                    outline.Step(Start).While(More, body => body.Step(Iterate)).Step(Finish);

                private void Start(StepContext context) { {{launch}} }
                private bool More() => _step < Steps;
                private async ValueTask Iterate(StepContext context) { await Task.Yield(); _seen.Add(_step++); }
                private void Finish() => Total = _seen.Count;
            }

            // Stands in for the generator's part (not on this branch) so the compilation is error-free.
            public partial class P{{index}} : IProcessDefinition<P{{index}}>
            {
                public static ProcessDescriptor<P{{index}}> Descriptor => null!;
            }
            """);
        return source.ToString();
    }
}
