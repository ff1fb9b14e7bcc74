using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class ConcurrencyAttributeTests
{
    private static string Task(string attribute) => $$"""
        using Processes;

        [Task, {{attribute}}]
        public partial class T
        {
            [Input] public required string Account { get; init; }
            [Input] public int Region { get; init; }
            public int NotAnInput { get; init; }
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """;

    [Theory]
    [InlineData("[|SingleInstance(\"Acount\")|]", "SingleInstance", "the key input 'Acount' is not an [Input] property of 'T'")]
    [InlineData("[|SingleInstance(nameof(NotAnInput))|]", "SingleInstance", "the key input 'NotAnInput' is not an [Input] property of 'T'")]
    [InlineData("[|SingleInstance(nameof(Account), nameof(Account))|]", "SingleInstance", "the key input 'Account' is named twice")]
    [InlineData("[|SingleInstance(\"\")|]", "SingleInstance", "a key input name is empty")]
    [InlineData("[|Concurrency(0)|]", "Concurrency", "MaxRunning must be at least 1, but was 0")]
    public Task PRC0041_an_invalid_declaration_is_reported_with_the_rule_it_breaks(string attribute, string name, string error) => AnalyzerVerifier.VerifyAsync(
        Task(attribute),
        new ExpectedDiagnostic("PRC0041", $"[{name}] on 'T' is invalid: {error}"));

    [Fact]
    public Task Valid_declarations_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        Task("SingleInstance(nameof(Account), nameof(Region), OnDuplicate = DuplicatePolicy.Reject), Concurrency(3)"));

    [Fact]
    public Task A_single_instance_per_type_needs_no_key() => AnalyzerVerifier.VerifyCleanAsync(Task("SingleInstance"));
}
