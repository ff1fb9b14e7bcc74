using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace Processes.Analyzers.Tests.Harness;

/// <summary>
/// Code-fix tests on Microsoft.CodeAnalysis.Testing (<see cref="ProcessesTest{TFix}"/>): the
/// diagnostic at the marked span of the first source is fixed with the action of the given title;
/// every source must then equal its expected text and compile. The framework also requires that
/// the sources before the fix raise exactly the marked diagnostics, that the fixed sources raise
/// exactly the ones their markup names (none, unless a diagnostic is the user's next step), that
/// applying the fix again changes nothing, and that Fix All in document, project and solution
/// scope gives the same result.
/// </summary>
/// <remarks>
/// <c>[|…|]</c> in the first source marks the diagnostic under test (<paramref name="diagnosticId"/>);
/// any other diagnostic a source raises is marked with its ID, <c>{|PRC0020:…|}</c>, in the
/// source before or after the fix.
/// </remarks>
public static class CodeFixVerifier
{
    public static Task VerifyAsync<TFix>(string beforeMarkup, string afterMarkup, string diagnosticId, string title)
        where TFix : CodeFixProvider, new() =>
        VerifyAsync<TFix>(new[] { beforeMarkup }, new[] { afterMarkup }, diagnosticId, title);

    public static Task VerifyAsync<TFix>(string[] beforeMarkups, string[] afterMarkups, string diagnosticId, string title)
        where TFix : CodeFixProvider, new()
    {
        var test = new ProcessesTest<TFix>
        {
            CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title, $"The fix applied is '{action.Title}', not '{title}'."),
        };
        Assert.Contains(diagnosticId, new TFix().FixableDiagnosticIds);
        for (var index = 0; index < beforeMarkups.Length; index++)
        {
            test.TestState.Sources.Add(index == 0 ? Named(beforeMarkups[index], diagnosticId) : beforeMarkups[index]);
        }

        foreach (var after in afterMarkups)
        {
            test.FixedState.Sources.Add(after);
        }

        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts that the fix offers no action for the diagnostic at the marked span (where a rewrite would not be mechanical).</summary>
    public static Task VerifyNoFixAsync<TFix>(string beforeMarkup, string diagnosticId)
        where TFix : CodeFixProvider, new()
    {
        var source = Named(beforeMarkup, diagnosticId);
        var test = new ProcessesTest<TFix> { TestCode = source, FixedCode = source };
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Our <c>[|…|]</c> names the diagnostic under test; the framework's names the analyzer's only one.</summary>
    private static string Named(string markup, string diagnosticId) =>
        markup.Replace("[|", "{|" + diagnosticId + ":").Replace("|]", "|}");
}
