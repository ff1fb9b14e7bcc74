using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>
/// The outline fingerprint (docs/concepts/versioning.md): changed by every edit that moves an
/// instruction index or changes what runs there, unchanged by trivia and by step bodies.
/// </summary>
public sealed partial class OutlineFingerprintTests
{
    private const string Original = "private void DefineOutline(OutlineBuilder outline) => outline.Step(A).While(More, loop => loop.Step(B)).Step(C);";

    [Fact]
    public void The_listing_is_the_compiled_instruction_list_and_the_fingerprint_its_hash()
    {
        var (fingerprint, listing) = Generate(
            "private void DefineOutline(OutlineBuilder outline) => outline.Step(A).While(More, loop => loop.Step(B).If(() => _turns > 1, then => then.Return(2, \"late\"), otherwise => otherwise.Step(C))).Step(Audit);");

        Assert.Equal(
            new[]
            {
                "0: step A",
                "1: unless More goto 8",
                "2: step B",
                "3: unless ( ) => _turns > 1 goto 6",
                "4: return 2, \"late\"",
                "5: goto 7",
                "6: step C",
                "7: goto 1",
                "8: step Audit",
            },
            listing);
        Assert.Matches("^[0-9a-f]{16}$", fingerprint);
        Assert.Equal(ProcessGenerator.Parser.Outline.Fingerprint(listing), fingerprint);
    }

    [Fact]
    public void A_wait_between_steps_is_one_instruction_of_the_listing_and_its_arguments_count()
    {
        var (fingerprint, listing) = Generate(
            "private void DefineOutline(OutlineBuilder outline) => outline.Step(A).WaitFor(System.TimeSpan.FromMinutes(5)).WaitForEvent(\"go\", System.TimeSpan.FromHours(1)).Step(C);");

        Assert.Equal(
            new[]
            {
                "0: step A",
                "1: wait WaitFor System . TimeSpan . FromMinutes ( 5 )",
                "2: wait WaitForEvent \"go\", System . TimeSpan . FromHours ( 1 )",
                "3: step C",
            },
            listing);
        var (longer, _) = Generate(
            "private void DefineOutline(OutlineBuilder outline) => outline.Step(A).WaitFor(System.TimeSpan.FromMinutes(6)).WaitForEvent(\"go\", System.TimeSpan.FromHours(1)).Step(C);");
        Assert.NotEqual(fingerprint, longer);
    }

    [Fact]
    public void A_wait_for_a_state_is_one_instruction_listed_with_its_state_class()
    {
        const string Counter = "[SharedState] public partial class Counter { public int Count { get; set; } }\n    [SharedState] public partial class Other { public int Count { get; set; } }";
        var (fingerprint, listing) = Generate(
            "private void DefineOutline(OutlineBuilder outline) => outline.Step(A).WaitForState<Counter>(\"k\", counter => counter.Count > 1).Step(C);", migrations: Counter);

        Assert.Equal(
            new[]
            {
                "0: step A",
                "1: wait WaitForState < Counter > \"k\", counter => counter . Count > 1",
                "2: step C",
            },
            listing);
        var (other, _) = Generate(
            "private void DefineOutline(OutlineBuilder outline) => outline.Step(A).WaitForState<Other>(\"k\", counter => counter.Count > 1).Step(C);", migrations: Counter);
        Assert.NotEqual(fingerprint, other);
    }

    [Theory]
    [InlineData("private void DefineOutline(OutlineBuilder outline) =>\n        outline\n            .Step(A)   // first\n            .While(More, /* loop */ loop => loop.Step( B ))\n            .Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder builder) => builder.Step(A).While(More, body => body.Step(B)).Step(C);")]
    [InlineData("private void DefineOutline(OutlineBuilder outline)\n    {\n        outline.Step(A);\n        outline.While(More, loop => { loop.Step(B); });\n        outline.Step(C);\n    }")]
    public void Whitespace_comments_names_of_the_builder_and_statement_form_do_not_change_it(string outline) =>
        Assert.Equal(Generate(Original).Fingerprint, Generate(outline).Fingerprint);

    [Fact]
    public void Edits_inside_step_bodies_do_not_change_it() =>
        Assert.Equal(Generate(Original).Fingerprint, Generate(Original, stepA: "/* changed */ Result += 1000;").Fingerprint);

    [Theory]
    [InlineData("outline.Step(Audit).Step(A).While(More, loop => loop.Step(B)).Step(C)")] // added at the start
    [InlineData("outline.Step(A).While(More, loop => loop.Step(B)).Step(C).Step(Audit)")] // added at the end
    [InlineData("outline.Step(A).While(More, loop => loop.Step(B))")] // removed
    [InlineData("outline.Step(Audit).While(More, loop => loop.Step(B)).Step(C)")] // renamed (another method)
    [InlineData("outline.Step(C).While(More, loop => loop.Step(B)).Step(A)")] // reordered
    [InlineData("outline.Step(A).If(More, then => then.Step(B)).Step(C)")] // While became If
    [InlineData("outline.Step(A).While(More, loop => loop.Step(B).Step(C))")] // moved into the loop
    [InlineData("outline.Step(A).While(() => !More(), loop => loop.Step(B)).Step(C)")] // condition changed
    [InlineData("outline.Step(A).While(More, loop => loop.Step(B)).Return(1, \"stop\").Step(C)")] // return added
    public void Structural_edits_change_it(string chain) =>
        Assert.NotEqual(Generate(Original).Fingerprint, Generate($"private void DefineOutline(OutlineBuilder outline) => {chain};").Fingerprint);

    [Fact]
    public void An_outline_that_is_not_a_builder_chain_is_hashed_by_its_tokens()
    {
        const string Helper = "private void DefineOutline(OutlineBuilder outline) { Steps(outline); }\n    private void Steps(OutlineBuilder outline) => outline.Step(A).Step(C);";
        var (fingerprint, listing) = Generate(Helper);
        Assert.Equal(new[] { "tokens: { Steps ( outline ) ; }" }, listing);
        Assert.Equal(fingerprint, Generate(Helper.Replace("{ Steps(outline); }", "{\n        // helper\n        Steps( outline );\n    }")).Fingerprint);
        Assert.NotEqual(fingerprint, Generate(Helper.Replace("Steps(outline);", "Steps(outline); outline.Step(B);")).Fingerprint);
    }

    [Fact]
    public void Tasks_have_no_fingerprint()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Fingerprint.Task", DocumentationMode.Parse, TestSources.Square));
        var source = result.Results.Single().GeneratedSources.Single(generated => generated.HintName.EndsWith(".Process.g.cs", System.StringComparison.Ordinal));
        Assert.DoesNotContain("OutlineFingerprint", source.SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_migrations_are_dispatched_by_fingerprint_to_static_and_instance_methods()
    {
        var migrations = """
            [OutlineMigration("00000000000000aa")] private static int FromA(int position) => position + 1;
            [OutlineMigration("00000000000000bb")] private int FromB(int position) { _turns = 5; return position + 2; }
            """;
        var assembly = GeneratorHarness.CompileAndLoad("Fingerprint.Migrations", Source(Original, migrations: migrations));
        var loaded = new Loaded(assembly);
        var descriptor = loaded.Descriptor("Versioned.Flow");
        var process = descriptor.CreateFromInputs(new System.Collections.Generic.Dictionary<string, object?>());

        Assert.Equal((true, 4), Migrate(descriptor, process, "00000000000000aa", 3));
        Assert.Equal((true, 5), Migrate(descriptor, process, "00000000000000bb", 3));
        Assert.Equal(5, Loaded.Get<int>(process, "_turns"));
        Assert.Equal((false, 3), Migrate(descriptor, process, "00000000000000cc", 3));
    }

    [Theory]
    [InlineData("[OutlineMigration(\"00000000000000aa\")] private static string Wrong(int position) => \"\";", "CS0029")]
    [InlineData("[OutlineMigration(\"00000000000000aa\")] private static int Wrong(string position) => 0;", "CS1503")]
    [InlineData("[OutlineMigration(\"00000000000000aa\")] private static int One(int p) => p;\n    [OutlineMigration(\"00000000000000aa\")] private static int Two(int p) => p;", "CS0152")]
    public void A_migration_with_a_wrong_signature_or_a_duplicate_fingerprint_is_a_compile_error(string migrations, string expectedError)
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Fingerprint.Wrong", DocumentationMode.Parse, Source(Original, migrations: migrations)));
        Assert.Contains(output.GetDiagnostics(TestContext.Current.CancellationToken), diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Id == expectedError);
    }

    private static (bool Migrated, int Position) Migrate(ProcessDescriptor descriptor, object process, string from, int position)
    {
        var arguments = new object?[] { process, from, position, 0 };
        var migrated = (bool)descriptor.GetType().GetMethod("TryMigrateOutline")!.Invoke(descriptor, arguments)!;
        return (migrated, (int)arguments[3]!);
    }

    private static (string Fingerprint, string[] Listing) Generate(string outline, string stepA = "Result += 1;", string migrations = "")
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Fingerprint", DocumentationMode.Parse, Source(outline, stepA, migrations)));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        var source = result.Results.Single().GeneratedSources.Single(generated => generated.HintName == "Versioned.Flow.Process.g.cs").SourceText.ToString();
        var fingerprint = FingerprintLine().Match(source).Groups[1].Value;
        var listing = ListingLines().Matches(source).Select(match => match.Groups[1].Value.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&")).ToArray();
        return (fingerprint, listing);
    }

    private static string Source(string outline, string stepA = "Result += 1;", string migrations = "") => $$"""
        using Processes;

        namespace Versioned;

        [Process]
        public partial class Flow
        {
            [Output] public int Result { get; private set; }

            private int _turns;

            {{outline}}

            private void A() { {{stepA}} }
            private void B() => Result += 10;
            private void C() => Result += 100;
            private void Audit() { }
            private bool More() => _turns++ < 2;

            {{migrations}}
        }
        """;

    [GeneratedRegex("OutlineFingerprint => \"([0-9a-f]+)\";")]
    private static partial Regex FingerprintLine();

    [GeneratedRegex(@"^\s*/// (\d+: .*|tokens: .*)$", RegexOptions.Multiline)]
    private static partial Regex ListingLines();
}
