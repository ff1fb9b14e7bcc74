using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>
/// Which outlines the generator emits once per type (<c>DefineSharedOutline</c>): plain chains of
/// <c>Step(Method)</c> only, each step the same call and name as <c>OutlineBuilder.Step</c> makes
/// of it. Anything else is built per run, as written; the fingerprint is the same either way.
/// </summary>
public sealed class SharedOutlineTests
{
    [Theory]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(A).Step(B).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => (outline.Step(A)).Step(B).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) { outline.Step(A); outline.Step(B).Step(C); }")]
    public void A_plain_chain_of_step_methods_is_shared(string outline)
    {
        var source = Generate(outline);
        Assert.Contains("public override bool DefineSharedOutline(global::Processes.Generated.SharedOutlineBuilder<global::Shared.Flow> outline)", source);
        Assert.Contains(".Step(static (process, context) => { process.A(); return default; }, \"A\")", source);
        Assert.Contains(".Step(static (process, context) => process.B(context), \"B\")", source);
        Assert.Contains(".Step(static (process, context) => process.C(), \"C\");", source);
    }

    [Theory]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(A).While(More, loop => loop.Step(B)).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(A).If(More, then => then.Return(1));")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(A).WaitFor(System.TimeSpan.FromMinutes(1)).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(A, \"first\").Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(() => A()).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(this.A).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(Overloaded).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) => outline.Step(Static).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline) { var first = outline.Step(A); first.Step(C); }")]
    public void Any_other_outline_is_built_per_run(string outline)
    {
        Assert.DoesNotContain("DefineSharedOutline", Generate(outline));
    }

    [Fact]
    public void The_fingerprint_does_not_depend_on_sharing()
    {
        // The same listing, once shared (method groups) and once not (an explicit name equal to the method's).
        var shared = Generate("private void DefineOutline(OutlineBuilder outline) => outline.Step(A).Step(C);");
        var perRun = Generate("private void DefineOutline(OutlineBuilder outline) => outline.Step(A).Step(C).Return();");
        Assert.Contains("DefineSharedOutline", shared);
        Assert.Contains("public override string? OutlineFingerprint => \"" + ProcessGenerator.Parser.Outline.Fingerprint(["0: step A", "1: step C"]) + "\";", shared);
        Assert.Contains("public override string? OutlineFingerprint => \"" + ProcessGenerator.Parser.Outline.Fingerprint(["0: step A", "1: step C", "2: return"]) + "\";", perRun);
    }

    private static string Generate(string outline)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("SharedOutline", DocumentationMode.Parse, Source(outline)));
        Assert.DoesNotContain(output.GetDiagnostics(TestContext.Current.CancellationToken), diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning);
        return result.Results.Single().GeneratedSources.Single(generated => generated.HintName == "Shared.Flow.Process.g.cs").SourceText.ToString();
    }

    private static string Source(string outline) => $$"""
        using System.Threading.Tasks;
        using Processes;

        namespace Shared;

        [Process]
        public partial class Flow
        {
            [Output] public int Result { get; private set; }

            {{outline}}

            private void A() => Result += 1;
            private ValueTask B(StepContext context) { Result += 10; return default; }
            private ValueTask C() { Result += 100; return default; }
            private bool More() => Result < 2;
            private void Overloaded() { }
            private void Overloaded(int times) { }
            private static void Static() { }
        }
        """;
}
