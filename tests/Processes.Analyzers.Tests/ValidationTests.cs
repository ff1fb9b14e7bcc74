using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class ValidationTests
{
    private static string InTask(string members) => $$"""
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using Processes;

        [Task]
        public partial class T
        {
            {{members}}
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """;

    [Theory]
    [InlineData("[|Range(1, 5)|]", "string?", "Range", "a numeric type")]
    [InlineData("[|MinLength(1)|]", "int", "MinLength", "a string, array or collection")]
    [InlineData("[|RegularExpression(\"a+\")|]", "int", "RegularExpression", "a string")]
    [InlineData("[|StringLength(3)|]", "System.Collections.Generic.List<string>?", "StringLength", "a string")]
    public Task PRC0015_an_attribute_that_cannot_apply(string attribute, string type, string name, string needs) => AnalyzerVerifier.VerifyAsync(
        InTask($"[Input, {attribute}] public {type} Value {{ get; init; }}"),
        new ExpectedDiagnostic("PRC0015", $"[{name}] cannot apply to 'Value' of type '{type}'; it needs {needs}"));

    [Fact]
    public Task Attributes_that_apply_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(InTask("""
        [Input, Range(1, 5)] public int? A { get; init; }
        [Input, MinLength(1), MaxLength(3), Length(1, 3)] public List<int>? B { get; init; }
        [Input, StringLength(5, MinimumLength = 1), RegularExpression("a+"), EmailAddress] public string? C { get; init; }
        [Input, AllowedValues(1, 2), Required] public int D { get; init; } = 1;
        [Input, Range(0.5, 1.5)] public double E { get; init; } = 1.5;
        """));

    [Theory]
    [InlineData("[|Range(10, 1)|]", "int", "10", "Range", "1")]
    [InlineData("[|Range(2.5, 1.5)|]", "double", "2.5", "Range", "1.5")]
    [InlineData("[|Length(4, 2)|]", "string?", "4", "Length", "2")]
    [InlineData("[|StringLength(2, MinimumLength = 3)|]", "string?", "3", "StringLength", "2")]
    public Task PRC0016_inverted_bounds(string attribute, string type, string minimum, string name, string maximum) => AnalyzerVerifier.VerifyAsync(
        InTask($"[Input, {attribute}] public {type} Value {{ get; init; }}"),
        new ExpectedDiagnostic("PRC0016", $"The minimum {minimum} of [{name}] is greater than its maximum {maximum}, so no value can pass"));

    [Fact]
    public Task PRC0017_an_invalid_pattern() => AnalyzerVerifier.VerifyAsync(
        InTask("""[Input, RegularExpression([|"a(b"|])] public string? Value { get; init; }"""),
        new ExpectedDiagnostic("PRC0017", "The pattern of [RegularExpression] is not a valid regular expression: Invalid pattern 'a(b' at offset 3. Not enough )'s."));

    [Theory]
    [InlineData("Range(1, 10)", "int", "[|0|]", "0", "Range", "must be at least 1 and at most 10, but was 0")]
    [InlineData("Range(0.0, 1.0, MinimumIsExclusive = true)", "double", "[|0.0|]", "0", "Range", "must be greater than 0 and at most 1, but was 0")]
    [InlineData("MaxLength(3)", "string", "[|\"abcd\"|]", "\"abcd\"", "MaxLength", "length must be at most 3, but was 4")]
    [InlineData("MinLength(2)", "string", "[|\"a\"|]", "\"a\"", "MinLength", "length must be at least 2, but was 1")]
    [InlineData("Length(2, 3)", "string", "[|\"a\"|]", "\"a\"", "Length", "length must be between 2 and 3, but was 1")]
    [InlineData("RegularExpression(\"[a-z]+\")", "string", "[|\"abc1\"|]", "\"abc1\"", "RegularExpression", "must match the pattern '[a-z]+'")]
    [InlineData("AllowedValues(\"fast\", \"accurate\")", "string", "[|\"slow\"|]", "\"slow\"", "AllowedValues", "must be one of \"fast\", \"accurate\", but was \"slow\"")]
    [InlineData("DeniedValues(0)", "int", "[|0|]", "0", "DeniedValues", "must not be 0")]
    public Task PRC0018_a_constant_default_that_fails_its_own_check(string attribute, string type, string initializer, string value, string name, string reason) =>
        AnalyzerVerifier.VerifyAsync(
            InTask($"[Input, {attribute}] public {type} Value {{ get; init; }} = {initializer};"),
            new ExpectedDiagnostic("PRC0018", $"The default {value} of 'Value' fails its [{name}] check: {reason}"));

    [Fact]
    public Task PRC0018_in_a_port_namespace() => AnalyzerVerifier.VerifyAsync(
        """
        using System.ComponentModel.DataAnnotations;
        using Processes;

        [PortNamespace]
        public partial class Options
        {
            [Range(1, 3)] public int Level { get; init; } = [|7|];
        }
        """,
        new ExpectedDiagnostic("PRC0018", "The default 7 of 'Level' fails its [Range] check: must be at least 1 and at most 3, but was 7"));

    [Fact]
    public Task Defaults_that_pass_and_non_constant_defaults_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(InTask("""
        [Input, Range(1, 10)] public int A { get; init; } = 10;
        [Input, MaxLength(3)] public string B { get; init; } = "abc";
        [Input, MaxLength(3)] public string C { get; init; } = string.Concat("ab", "cdef".Substring(1));
        [Input, AllowedValues(1L, 2L)] public long D { get; init; } = 2;
        [Input, Range(1, 10)] public int? E { get; init; } = null;
        """));

    // Defaults are read from property declarations with an initializer; the value is the converted
    // constant the compiler sees (an int literal given to a double, a named constant), and a default
    // converted to a nullable type is not a constant.
    [Fact]
    public Task PRC0018_reads_the_converted_constant_of_the_initializer() => AnalyzerVerifier.VerifyAsync(InTask("""
        [Input, Range(1.0, 10.0)] public double Converted { get; init; } = [|20|];
        [Input, Range(1, 10)] public int Named { get; init; } = [|Limit|];
        [Input, Range(1, 10)] public int? Nullable { get; init; } = 0;
        public int NotAPort { get; init; } = 100;
        private const int Limit = 42;
        """),
        new ExpectedDiagnostic("PRC0018", "The default 20 of 'Converted' fails its [Range] check: must be at least 1 and at most 10, but was 20"),
        new ExpectedDiagnostic("PRC0018", "The default 42 of 'Named' fails its [Range] check: must be at least 1 and at most 10, but was 42"));
}
