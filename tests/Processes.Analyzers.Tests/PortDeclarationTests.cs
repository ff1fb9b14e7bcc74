using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Processes.Shared;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class PortDeclarationTests
{
    private const string Body = "System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;";

    [Fact]
    public Task PRC0006_an_input_without_init_or_set() => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int [|X|] { get; }
            {{Body}}
        }
        """,
        new ExpectedDiagnostic("PRC0006", "The input 'X' needs an 'init' or 'set' accessor"));

    [Theory]
    [InlineData("{ get; }")]
    [InlineData("{ get; init; }")]
    public Task PRC0007_an_output_without_a_setter(string accessors) => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public int [|Y|] {{accessors}}
            {{Body}}
        }
        """,
        new ExpectedDiagnostic("PRC0007", "The output 'Y' needs a 'set' accessor, for example 'private set'"));

    [Fact]
    public Task PRC0008_a_member_that_is_input_and_output() => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Input, Output] public int [|Z|] { get; set; }
            {{Body}}
        }
        """,
        new ExpectedDiagnostic("PRC0008", "'Z' cannot be both an input and an output"));

    [Fact]
    public Task PRC0009_a_port_outside_a_process() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public class Plain
        {
            [Input] public int [|X|] { get; init; }
        }
        """,
        new ExpectedDiagnostic("PRC0009", "'X' is marked [Input] but 'Plain' is not a [Process] or [Task], so the attribute has no effect"));

    [Fact]
    public Task PRC0010_two_members_with_the_same_snake_case_name() => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int MaxSteps { get; init; }
            [Input(Name = {|PRC0010:"max_steps"|})] public int Limit { get; init; }
            [Input] public int [|max_steps|] { get; init; }
            {{Body}}
        }
        """,
        new ExpectedDiagnostic("PRC0010", "The input port name 'max_steps' of 'T' is already used by 'MaxSteps'"),
        new ExpectedDiagnostic("PRC0010", "The input port name 'max_steps' of 'T' is already used by 'MaxSteps'"));

    [Fact]
    public Task PRC0011_invalid_explicit_names() => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Input(Name = [|"Max Steps"|])] public int A { get; init; }
            [Output(Name = [|"2x"|])] public int B { get; private set; } = 1;
            {{Body}}
        }
        """,
        new ExpectedDiagnostic("PRC0011", "'Max Steps' is not a valid port name: use lowercase letters, digits and '_', not starting with a digit"),
        new ExpectedDiagnostic("PRC0011", "'2x' is not a valid port name: use lowercase letters, digits and '_', not starting with a digit"));

    [Fact]
    public Task An_input_and_an_output_may_share_a_name() => AnalyzerVerifier.VerifyCleanAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int Value { get; init; }
            [Output(Name = "value")] public int Result { get; private set; } = 1;
            {{Body}}
        }
        """);

    [Fact]
    public Task PRC0012_required_with_an_initializer() => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public required int Steps { get; init; } [|= 5|];
            {{Body}}
        }
        """,
        new ExpectedDiagnostic("PRC0012", "'Steps' is required, so its initializer is never used as a default"));

    [Fact]
    public Task PRC0012_in_a_port_namespace() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [PortNamespace]
        public partial class Options
        {
            public required string Mode { get; init; } [|= "fast"|];
        }
        """,
        new ExpectedDiagnostic("PRC0012", "'Mode' is required, so its initializer is never used as a default"));

    [Theory]
    [InlineData("MaxSteps", "max_steps")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("X", "x")]
    [InlineData("Value2Max", "value2_max")]
    [InlineData("_private", "_private")]
    public void Port_names_are_the_snake_case_of_the_member_name(string member, string port) =>
        Assert.Equal(port, PortNames.ToSnakeCase(member));
}
