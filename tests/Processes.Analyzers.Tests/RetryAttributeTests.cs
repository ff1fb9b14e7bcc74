using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class RetryAttributeTests
{
    private static string Task(string attribute) => $$"""
        using Processes;

        [Task, {{attribute}}]
        public partial class T
        {
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """;

    [Theory]
    [InlineData("[|Retry(0)|]", "Retry", "MaxAttempts must be at least 1 (the first attempt counts), but was 0")]
    [InlineData("[|Retry(3, DelayMilliseconds = -5)|]", "Retry", "DelayMilliseconds must not be negative, but was -5 ms")]
    [InlineData("[|Retry(3, MaxDelayMilliseconds = -1)|]", "Retry", "MaxDelayMilliseconds must not be negative, but was -1 ms")]
    [InlineData("[|Retry(3, BackoffFactor = 0.5)|]", "Retry", "BackoffFactor must be between 1 and 100, but was 0.5")]
    [InlineData("[|Retry(3, RetryOn = new[] { typeof(string) })|]", "Retry", "RetryOn may list exception types only; 'string' is not one")]
    [InlineData("[|TimeLimit(0)|]", "TimeLimit", "a time limit must be between 1 ms and 2147483647 ms, but was 0 ms")]
    public Task PRC0040_an_invalid_value_is_reported_with_the_rule_it_breaks(string attribute, string name, string error) => AnalyzerVerifier.VerifyAsync(
        Task(attribute),
        new ExpectedDiagnostic("PRC0040", $"[{name}] on 'T' is invalid: {error}"));

    [Fact]
    public Task Valid_values_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        Task("Retry(5, DelayMilliseconds = 0, BackoffFactor = 1, MaxDelayMilliseconds = 100, RetryOn = new[] { typeof(System.IO.IOException) }), TimeLimit(1000)"));
}
