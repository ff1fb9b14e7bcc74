using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Processes.Analyzers.CodeFixes;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>
/// Issue 11: every reason the generator skips a declaration has a diagnostic at the user's
/// declaration, and the run-time failures that can be decided at compile time are reported.
/// </summary>
public sealed class CompileTimeGuaranteeTests
{
    [Fact]
    public Task PRC0003_a_record_process() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial record [|Square|]
        {
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0003", "'Square' cannot be a [Task] because it is a record; declare it as a 'partial class'"));

    [Fact]
    public Task PRC0003_a_process_with_a_base_class() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public class Base { }

        [Process]
        public partial class [|Derived|] : Base
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0003", "'Derived' cannot be a [Process] because it is derived from 'Base'; a process or task class cannot have a base class"));

    [Fact]
    public Task PRC0003_a_process_also_marked_as_data() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Process, ProcessData]
        public partial class [|Both|]
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0003", "'Both' cannot be a [Process] because it is also marked [ProcessData]; a process or task is serialized by its ports and state"));

    [Fact]
    public Task A_nullable_DateTimeOffset_port_and_state_field_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Stamp
        {
            [Input] public DateTimeOffset? At { get; init; }
            [Output] public DateTimeOffset? Seen { get; private set; }
            ValueTask RunAsync(TaskContext context) { Seen = At; return default; }
        }

        [Process]
        public partial class Clock
        {
            DateTimeOffset? _last;
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _last = DateTimeOffset.UnixEpoch;
        }
        """);

    [Fact]
    public Task A_nullable_data_struct_state_field_and_port_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [ProcessData]
        public partial struct Point
        {
            public int X;
        }

        [ProcessData]
        public partial record struct Reading(double Value, string Unit);

        [Process]
        public partial class Walk
        {
            [Input] public Reading? Start { get; init; }
            Point? _last;
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _last = null;
        }
        """);

    [Fact]
    public Task PRC0014_a_nullable_struct_that_is_not_data() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public struct Point
        {
            public int X;
        }

        [Process]
        public partial class Walk
        {
            Point? [|_last|];
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _last = null;
        }
        """,
        new ExpectedDiagnostic("PRC0014", "The type 'Point?' used by the state field 'Walk._last' cannot be checkpointed; use a supported type, mark it [ProcessData] or mark the field [Transient]"));

    [Fact]
    public Task PRC0014_a_nullable_data_struct_with_an_unsupported_member() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [ProcessData]
        public partial struct Point
        {
            public object Tag;
        }

        [Process]
        public partial class Walk
        {
            Point? [|_last|];
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _last = null;
        }
        """,
        new ExpectedDiagnostic("PRC0014", "The type 'object' used by the state field 'Walk._last.Tag' cannot be checkpointed; use a supported type, mark it [ProcessData] or mark the field [Transient]"));

    [Fact]
    public Task PRC0013_a_nullable_port_namespace_struct() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [PortNamespace]
        public partial struct Limits
        {
            public int Low { get; init; }
        }

        [Task]
        public partial class Clamp
        {
            [Input] public Limits? [|Bounds|] { get; init; }
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0013", "The type 'Limits?' used by 'Clamp.Bounds' cannot be serialized; use a supported type or mark it [ProcessData]"));

    [Fact]
    public Task Get_only_collections_of_a_data_type_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Processes;

        [ProcessData]
        public partial class Basket
        {
            public List<int> Items { get; } = new();
            public IList<string> Names { get; } = new List<string>();
            public ICollection<double> Weights { get; } = new HashSet<double>();
            public HashSet<long> Codes { get; } = new();
            public Dictionary<string, int> Counts { get; } = new();
            public IDictionary<int, string> Labels { get; } = new Dictionary<int, string>();
        }

        [Task]
        public partial class Pack
        {
            [Input] public Basket Basket { get; init; } = new();
            ValueTask RunAsync(TaskContext context) => default;
        }
        """);

    [Fact]
    public Task PRC0013_a_get_only_collection_of_an_unsupported_element_type() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Processes;

        [ProcessData]
        public partial class Basket
        {
            public List<object> Items { get; } = new();
        }

        [Task]
        public partial class Pack
        {
            [Input] public Basket [|Basket|] { get; init; } = new();
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0013", "The type 'object' used by 'Pack.Basket.Items' cannot be serialized; use a supported type or mark it [ProcessData]"));

    [Fact]
    public Task PRC0013_a_nullable_dictionary_key() => AnalyzerVerifier.VerifyAsync(
        """
        #nullable enable
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Lookup
        {
            [Input] public Dictionary<string?, int> [|Items|] { get; init; } = new();
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0013", "The type 'System.Collections.Generic.Dictionary<string?, int>' used by 'Lookup.Items' cannot be serialized; use a supported type or mark it [ProcessData]"));

    [Fact]
    public Task An_IReadOnlyCollection_input_is_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Sum
        {
            [Input] public IReadOnlyCollection<int> Values { get; init; } = new List<int>();
            ValueTask RunAsync(TaskContext context) => default;
        }
        """);

    [Fact]
    public Task PRC0034_an_unsupported_validation_attribute() => AnalyzerVerifier.VerifyAsync(
        """
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Call
        {
            [Input, [|Phone|]] public string Number { get; init; } = "";
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0034", "[Phone] on 'Number' is not a validation attribute the generator compiles, so 'Call' is skipped; use [RegularExpression] or a [Validator] method"));

    [Fact]
    public Task PRC0035_a_static_input() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Limit
        {
            [Input] public static int [|Maximum|] { get; set; }
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0035", "'Maximum' cannot be a port because it is static; a port belongs to each instance"));

    [Fact]
    public Task PRC0030_an_async_void_step_method() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class Load
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step([|Fetch|]);
            async void Fetch(StepContext context) => await Task.Delay(1);
        }
        """,
        new ExpectedDiagnostic("PRC0030", "The step 'Fetch' is 'async void': the runtime sees it finish at its first await and its exception ends the host; return 'ValueTask' or 'Task'"));

    [Fact]
    public Task PRC0030_an_async_void_lambda() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class Load
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step((System.Action)([|async () => await Task.Delay(1)|]), "wait");
        }
        """,
        new ExpectedDiagnostic("PRC0030", "The step 'lambda' is 'async void': the runtime sees it finish at its first await and its exception ends the host; return 'ValueTask' or 'Task'"));

    [Fact]
    public Task An_async_ValueTask_step_is_clean() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class Load
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Fetch).Step(async () => await Task.Delay(1), "wait");
            async ValueTask Fetch(StepContext context) => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task PRC0031_an_input_with_a_set_accessor() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Square
        {
            [Input] public int Value { get; [|set|]; }
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0031", "The input 'Value' has a 'set' accessor, so a step can change its own input; use 'init'"));

    [Fact]
    public Task PRC0031_the_fix_makes_the_input_init() => CodeFixVerifier.VerifyAsync<MakeInputInitCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Square
        {
            [Input] public int Value { get; [|set|]; }
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Square
        {
            [Input] public int Value { get; init; }
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        "PRC0031",
        "Make the input 'init'");

    [Fact]
    public Task PRC0032_two_types_under_one_name() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task(Name = "square")]
        public partial class Square
        {
            ValueTask RunAsync(TaskContext context) => default;
        }

        [Task(Name = "square")]
        public partial class [|Cube|]
        {
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0032", "'Cube' is registered under the name 'square', which 'Square' already uses"));

    [Fact]
    public Task PRC0033_a_child_key_never_started() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Square
        {
            [Output] public int Result { get; private set; }
            ValueTask RunAsync(TaskContext context) { Result = 1; return default; }
        }

        [Process]
        public partial class Parent
        {
            [Output] public int Total { get; private set; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Start).Step(Collect);
            void Start(StepContext context) => context.StartChild("square", new Square());
            void Collect(StepContext context)
            {
                Total = context.GetChild<Square>("square").Result;
                Total += context.GetChild<Square>([|"sqare"|]).Result;
            }
        }
        """,
        new ExpectedDiagnostic("PRC0033", "No StartChild in 'Parent' uses the key \"sqare\", so this lookup fails at run time"));

    [Fact]
    public Task A_child_key_is_not_judged_when_some_key_is_computed() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Square
        {
            [Output] public int Result { get; private set; }
            ValueTask RunAsync(TaskContext context) { Result = 1; return default; }
        }

        [Process]
        public partial class Parent
        {
            [Output] public int Total { get; private set; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Start).Step(Collect);
            void Start(StepContext context) => context.StartChild("square" + 1, new Square());
            void Collect(StepContext context) => Total = context.GetChild<Square>("square1").Result;
        }
        """);

    [Fact]
    public Task PRC0033_a_fan_out_key_never_started_and_a_fan_out_read_as_a_single_child() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Linq;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Square
        {
            [Input] public int X { get; init; }
            [Output] public int Result { get; private set; }
            ValueTask RunAsync(TaskContext context) { Result = 1; return default; }
        }

        [Process]
        public partial class Parent
        {
            [Output] public int Total { get; private set; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Start).Step(Collect);
            void Start(StepContext context) => context.StartChildren("squares", Enumerable.Range(0, 3).Select(x => new Square { X = x }));
            void Collect(StepContext context)
            {
                Total = context.GetChildren<Square>("squares").Sum(square => square.Result);
                Total += context.GetChildResults<Square>([|"sqares"|]).Count;
                Total += context.GetChild<Square>([|"squares"|]).Result;
            }
        }
        """,
        new ExpectedDiagnostic("PRC0033", "No StartChildren in 'Parent' uses the key \"sqares\", so this lookup fails at run time"),
        new ExpectedDiagnostic("PRC0033", "No StartChild in 'Parent' uses the key \"squares\", so this lookup fails at run time"));

    [Fact]
    public Task PRC0045_an_event_read_that_no_wait_receives() => AnalyzerVerifier.VerifyAsync(
        """
        using System;
        using Processes;

        [PortNamespace]
        public sealed partial class Decision
        {
            public string By { get; init; } = "";
        }

        [Process]
        public partial class Approval
        {
            const string Approved = "approval";
            [Output] public string Outcome { get; private set; } = "";
            void DefineOutline(OutlineBuilder outline) => outline.Step(Ask).Step(Decide);
            void Ask(StepContext context)
            {
                context.WaitForEvent(Approved, TimeSpan.FromHours(1));
                context.WaitForEvent("cancel");
            }

            void Decide(StepContext context)
            {
                if (context.TryGetEvent<Decision>("approval", out var decision)) { Outcome = decision.By; }
                if (context.HasEvent("cancel")) { Outcome = "cancelled"; }
                if (context.HasEvent([|"aproval"|])) { Outcome = "?"; }
                Outcome += context.GetEvent<Decision>([|"escalation"|]).By;
            }
        }
        """,
        new ExpectedDiagnostic("PRC0045", "No WaitForEvent in 'Approval' waits for the event \"aproval\", so this read never finds it"),
        new ExpectedDiagnostic("PRC0045", "No WaitForEvent in 'Approval' waits for the event \"escalation\", so this read never finds it"));

    [Fact]
    public Task PRC0045_counts_the_event_waits_of_the_outline() => AnalyzerVerifier.VerifyAsync(
        """
        using System;
        using Processes;

        [Process]
        public partial class Approval
        {
            [Output] public string Outcome { get; private set; } = "";
            void DefineOutline(OutlineBuilder outline) => outline
                .Step(Ask)
                .WaitForEvent("review", TimeSpan.FromDays(1))
                .WaitForAnyEvent(["approval", "cancel"])
                .Step(Decide);
            void Ask() { }
            void Decide(StepContext context)
            {
                Outcome = context.HasEvent("review") && context.HasEvent("approval") && !context.HasEvent("cancel") ? "yes" : "no";
                Outcome += context.HasEvent([|"escalation"|]);
            }
        }
        """,
        new ExpectedDiagnostic("PRC0045", "No WaitForEvent in 'Approval' waits for the event \"escalation\", so this read never finds it"));

    [Fact]
    public Task PRC0046_a_value_type_output_never_assigned() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Measure
        {
            [Input] public required string Path { get; init; }
            [Output] public long [|Bytes|] { get; private set; }
            [Output] public long Lines { get; private set; }
            [Output] public int Rounds { get; private set; }
            [Output] public bool Done { get; private set; }
            [Output] public double Score { get; private set; }
            [Output] public int Preset { get; private set; } = 3;
            [Output] public int? Optional { get; private set; }
            [Output] public string Text { get; private set; } = "";

            ValueTask RunAsync(TaskContext context)
            {
                var bytes = Path.Length;
                Lines += bytes;
                Rounds++;
                (Done, this.Score) = (true, 0.5);
                return default;
            }
        }
        """,
        new ExpectedDiagnostic("PRC0046", "The output 'Bytes' of 'Measure' is never assigned, so every run reports default(long) as a valid output"));

    [Fact]
    public Task PRC0045_is_quiet_when_an_event_name_is_computed() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using Processes;

        [Process]
        public partial class Approval
        {
            [Input] public string EventName { get; init; } = "approval";
            [Output] public bool Approved { get; private set; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Ask).Step(Decide);
            void Ask(StepContext context) => context.WaitForEvent(EventName);
            void Decide(StepContext context) => Approved = context.HasEvent("approval");
        }
        """);

    [Fact]
    public Task PRC0044_a_get_only_property_of_a_data_type_is_not_saved() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Collections.Generic;
        using Processes;

        [ProcessData]
        public partial class Order
        {
            public IReadOnlyList<int> [|Lines|] { get; } = new List<int>();
            public int [|Version|] { get; } = 1;
            public List<int> Filled { get; } = new();
            public Dictionary<string, int> Counts { get; } = new();
            public string Name { get; set; } = "";
            public int Computed => Filled.Count;
            public int Settable { get; init; }
        }
        """,
        new ExpectedDiagnostic("PRC0044", "The get-only property 'Lines' of 'Order' is not saved in checkpoints, so a continued process sees its initial value; declare it as a List<T>, HashSet<T> or Dictionary<TKey, TValue> (filled in place), or give it a setter"),
        new ExpectedDiagnostic("PRC0044", "The get-only property 'Version' of 'Order' is not saved in checkpoints, so a continued process sees its initial value; give it a setter ('init' or 'set'), or make it a computed property"));

    [Fact]
    public Task PRC0020_is_quiet_when_a_helper_builds_the_outline() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using Processes;

        [Process]
        public partial class Helped
        {
            void DefineOutline(OutlineBuilder outline) => AddSteps(outline);
            void AddSteps(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """);

    [Fact]
    public Task PRC0020_is_quiet_for_an_outline_that_only_maps() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Square
        {
            [Input] public int X { get; init; }
            [Output] public int Result { get; private set; }
            private ValueTask RunAsync(TaskContext context) { Result = X * X; return default; }
        }

        [Process]
        public partial class Squares
        {
            [Input] public int Count { get; init; }
            [Output] public int Total { get; private set; }
            void DefineOutline(OutlineBuilder outline) =>
                outline.Map(() => Enumerable.Range(0, Count), x => new Square { X = x }, (IReadOnlyList<Square> squares) => Total = squares.Sum(s => s.Result));
        }
        """);

    [Fact]
    public Task PRC0036_a_step_of_the_wrong_shape_names_the_allowed_shapes()
    {
        var test = AnalyzerVerifier.CreateTest(
        """
        using Processes;

        [Process]
        public partial class Wrong
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step([|Compute|]);
            int Compute(StepContext context) => 1;
        }
        """,
        new ExpectedDiagnostic("PRC0036", "'Compute' cannot be a step; a step is 'void M()', 'void M(StepContext context)', 'ValueTask M()' or 'ValueTask M(StepContext context)' (or an async lambda of those shapes)"));

        // The user's source is invalid C# on purpose: an 'int' method passed to Step has no overload
        // (CS1503 in the user's file, next to PRC0036). Nothing is located in generated code.
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task PRC0022_ConfigureAwait_then_GetResult_is_a_blocking_wait() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Blocking
        {
            ValueTask RunAsync(TaskContext context)
            {
                [|Task.Delay(1).ConfigureAwait(false).GetAwaiter().GetResult()|];
                return default;
            }
        }
        """,
        new ExpectedDiagnostic("PRC0022", "'.ConfigureAwait(…).GetAwaiter().GetResult()' blocks a runtime thread; use 'await' instead"));
}
