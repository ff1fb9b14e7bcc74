using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// Asserts with Microsoft.CodeAnalysis.Testing (<see cref="ProcessesTest{TFix}"/>) that the
/// analyzers report exactly the expected diagnostics: one per marked span, in order, with the
/// exact ID, span, severity and message, nothing else, no compiler error, and that
/// <c>#pragma warning disable</c> and generated code silence them.
/// </summary>
public static partial class AnalyzerVerifier
{
    public static Task VerifyAsync(string markup, params ExpectedDiagnostic[] expected) =>
        CreateTest(markup, expected).RunAsync(TestContext.Current.CancellationToken);

    /// <summary>Asserts that a valid source raises no diagnostic at all.</summary>
    public static Task VerifyCleanAsync(string source) => VerifyAsync(source);

    /// <summary>
    /// The framework test behind <see cref="VerifyAsync"/>, for a test that adds to it (an
    /// <c>.editorconfig</c>, a severity). Our markup names the diagnostic of each span by its
    /// position (<c>[|…|]</c>, or <c>{|PRC0001:…|}</c> to state the ID too); the framework's
    /// <c>[|…|]</c> means "the analyzer's only diagnostic", which a test of all analyzers has
    /// not. So the i-th span becomes the framework's location marker <c>{|#i:…|}</c> and the i-th
    /// expected diagnostic is placed there.
    /// </summary>
    public static ProcessesTest<EmptyCodeFixProvider> CreateTest(string markup, params ExpectedDiagnostic[] expected)
    {
        var index = 0;
        var source = Opening().Replace(markup, match =>
        {
            Assert.True(index < expected.Length, $"The source marks more spans than the {expected.Length} diagnostics the test expects.");
            var id = match.Groups["id"];
            Assert.True(!id.Success || id.Value == expected[index].Id, $"Span {index} is marked {id.Value} but expects {expected[index].Id}.");
            return "{|#" + index++ + ":";
        }).Replace("|]", "|}");
        Assert.True(index == expected.Length, $"The source marks {index} spans but the test expects {expected.Length} diagnostics.");

        // No compiler error is tolerated, not even next to an expected PRC error: the generator leaves
        // out what the analyzers reject, so a user's mistake is reported only in the user's file
        // (issue 11). A test whose source is invalid C# on purpose says so and sets CompilerDiagnostics.
        var test = new ProcessesTest<EmptyCodeFixProvider> { TestCode = source };
        // Additional locations (the launch sites of a cycle, the other port of a clash) are
        // asserted by the tests written for them, not by every expected diagnostic.
        test.ExpectedDiagnostics.AddRange(expected.Select((diagnostic, position) =>
            new DiagnosticResult(ProcessesTest<EmptyCodeFixProvider>.Descriptor(diagnostic.Id))
                .WithLocation(position)
                .WithMessage(diagnostic.Message)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)));
        return test;
    }

    [GeneratedRegex(@"\[\||\{\|(?<id>[A-Z]+[0-9]+):")]
    private static partial Regex Opening();
}
