using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class ValidatorMethodTests
{
    private static string InTask(string members) => $$"""
        using System.Collections.Generic;
        using Processes;

        [Task]
        public partial class T
        {
            {{members}}
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """;

    [Theory]
    [InlineData("[Input, Validator([|\"Missing\"|])] public int X { get; init; }", "Missing", "X", "does not exist in 'T'")]
    [InlineData("[Input, Validator([|nameof(Check)|])] public int X { get; init; } string? Check(int value) => null;", "Check", "X", "must be static")]
    [InlineData("[Input, Validator([|nameof(Check)|])] public int X { get; init; } static string? Check(string value) => null;", "Check", "X", "must take one parameter that accepts 'int'")]
    [InlineData("[Input, Validator([|nameof(Check)|])] public int X { get; init; } static string? Check(int value, int other) => null;", "Check", "X", "must take one parameter that accepts 'int'")]
    [InlineData("[Input, Validator([|nameof(Check)|])] public int X { get; init; } static bool Check(int value) => true;", "Check", "X", "must return 'string?'")]
    public Task PRC0019_a_wrong_port_validator(string members, string method, string owner, string problem) => AnalyzerVerifier.VerifyAsync(
        InTask(members),
        new ExpectedDiagnostic("PRC0019", $"The validator '{method}' of '{owner}' {problem}"));

    [Fact]
    public Task PRC0019_a_wrong_class_validator() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [PortNamespace]
        [Validator([|nameof(Check)|])]
        public partial class Options
        {
            public int Level { get; init; }
            static string? Check(int level) => null;
        }
        """,
        new ExpectedDiagnostic("PRC0019", "The validator 'Check' of 'Options' must take one parameter that accepts 'Options'"));

    [Fact]
    public Task Validators_taking_a_base_type_or_an_interface_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(InTask("""
        [Input, Validator(nameof(CheckList))] public List<int>? Values { get; init; }
        [Input, Validator(nameof(CheckObject)), Validator(nameof(CheckNumber))] public int Number { get; init; }
        static string? CheckList(IEnumerable<int>? values) => null;
        static string? CheckObject(object value) => null;
        static string? CheckNumber(string value) => null;
        static string? CheckNumber(long value) => null;
        """));
}
