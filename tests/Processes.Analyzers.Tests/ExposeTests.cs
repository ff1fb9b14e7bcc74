using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class ExposeTests
{
    private const string Child = """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Child
        {
            [Input] public required int X { get; init; }
            [Input] public int MaxSteps { get; init; } = 5;
            [Output] public int Result { get; private set; }
            ValueTask RunAsync(TaskContext context) { Result = X; return default; }
        }

        """;

    [Fact]
    public Task Valid_exposures_raise_nothing() => AnalyzerVerifier.VerifyCleanAsync(Child + """
        [Process]
        [ExposeInputs(typeof(Child), Include = new[] { "x", "max_steps" })]
        [ExposeInputs(typeof(Child), Namespace = "inner", Exclude = ["max_steps"])]
        [ExposeOutputs(typeof(Child), Namespace = "inner")]
        [ExposeOutputs(typeof(Child))]
        public partial class Parent
        {
            [Input] public int Y { get; init; }
            [Output] public int Total { get; private set; } = 1;
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """);

    [Fact]
    public Task PRC0023_include_and_exclude_together() => AnalyzerVerifier.VerifyAsync(
        Child + """
        [Process]
        [ [|ExposeInputs(typeof(Child), Include = new[] { "x" }, Exclude = new[] { "max_steps" })|]]
        public partial class Parent
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0023", "The exposure of 'Child' sets both Include and Exclude; keep one"));

    [Fact]
    public Task PRC0024_names_are_matched_exactly_not_as_prefixes() => AnalyzerVerifier.VerifyAsync(
        Child + """
        [Process]
        [ExposeInputs(typeof(Child), Include = new[] { "x", [|"max"|] })]
        [ExposeOutputs(typeof(Child), Exclude = [[|"Result"|]])]
        public partial class Parent
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0024", "'max' is not an input port of 'Child'"),
        new ExpectedDiagnostic("PRC0024", "'Result' is not an output port of 'Child'"));

    [Fact]
    public Task PRC0025_an_exposed_port_clashes_with_a_declared_port_and_with_another_exposure() => AnalyzerVerifier.VerifyAsync(
        Child + """
        [Task]
        public partial class Other
        {
            [Input] public int MaxSteps { get; init; }
            ValueTask RunAsync(TaskContext context) => default;
        }

        [Process]
        [ [|ExposeInputs(typeof(Child))|]]
        [ [|ExposeInputs(typeof(Other))|]]
        [ [|ExposeOutputs(typeof(Child), Namespace = "step")|]]
        public partial class Parent
        {
            [Input(Name = "x")] public int Start { get; init; }
            [Input] public int StepOutputs { get; init; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0025", "The exposed input 'x' of 'Child' clashes with the declared input 'x' ('Start')"),
        new ExpectedDiagnostic("PRC0025", "The exposed input 'max_steps' of 'Other' clashes with the input 'max_steps' exposed from 'Child'"),
        new ExpectedDiagnostic("PRC0025", "The exposed output 'step' of 'Child' clashes with the member 'StepOutputs' of 'Parent'"));

    [Fact]
    public Task PRC0025_two_exposures_that_would_generate_the_same_method() => AnalyzerVerifier.VerifyAsync(
        Child + """
        [Process]
        [ExposeInputs(typeof(Child), Include = ["x"])]
        [ [|ExposeInputs(typeof(Child), Namespace = "child", Exclude = ["max_steps"])|]]
        [ExposeOutputs(typeof(Child))]
        [ [|ExposeOutputs(typeof(Child), Include = ["result"])|]]
        public partial class Parent
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0025", "The exposed input 'child' of 'Child' clashes with the method 'CreateChild' generated for the exposure of 'Child'"),
        new ExpectedDiagnostic("PRC0025", "The exposed output 'result' of 'Child' clashes with the method 'SetChildOutputs' generated for the exposure of 'Child'"));

    [Fact]
    public Task PRC0025_a_user_method_named_like_the_generated_helper() => AnalyzerVerifier.VerifyAsync(
        Child + """
        [Process]
        [ [|ExposeInputs(typeof(Child))|]]
        public partial class Parent
        {
            public static Child CreateChild(int x) => new() { X = x };
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0025", "The exposed input 'x' of 'Child' clashes with the member 'CreateChild' of 'Parent'"));

    [Fact]
    public Task PRC0026_exposing_a_type_that_is_not_a_process() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public class Settings { public int X { get; init; } }

        [Process]
        [ExposeInputs([|typeof(Settings)|])]
        public partial class Parent
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0026", "'Settings' cannot be exposed because it is not a [Process] or [Task]"));

    [Fact]
    public Task PRC0027_an_expose_cycle_is_reported_on_each_process_with_its_path() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Process]
        [ [|ExposeInputs(typeof(B))|]]
        public partial class A
        {
            [Input] public int X { get; init; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }

        [Process]
        [ [|ExposeInputs(typeof(A), Namespace = "a")|]]
        public partial class B
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }

        [Process]
        [ExposeOutputs(typeof(A))]
        public partial class C
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0027", "'A' exposes itself through the cycle A → B → A"),
        new ExpectedDiagnostic("PRC0027", "'B' exposes itself through the cycle B → A → B"));

    [Fact]
    public Task PRC0011_an_invalid_namespace_name() => AnalyzerVerifier.VerifyAsync(
        Child + """
        [Process]
        [ExposeInputs(typeof(Child), Namespace = [|"Child"|])]
        public partial class Parent
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0011", "'Child' is not a valid port name: use lowercase letters, digits and '_', not starting with a digit"));
}
