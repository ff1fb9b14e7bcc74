using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class CallCycleTests
{
    private const string Cycle = """
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class A
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => context.StartChild("b", [|new B { Depth = 1 }|]);
        }

        [Process]
        public partial class B
        {
            [Input] public int Depth { get; init; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => context.StartChild("c", new C());
        }

        [Task]
        public partial class C
        {
            async ValueTask RunAsync(TaskContext context)
            {
                await using var runtime = new ProcessRuntime();
                await runtime.LaunchAsync(new A());
            }
        }
        """;

    [Fact]
    public Task PRC0021_a_cycle_through_three_types_shows_the_whole_path() => AnalyzerVerifier.VerifyAsync(Cycle, CycleDiagnostic);

    [Fact]
    public Task PRC0021_a_task_that_runs_itself() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Fib
        {
            [Input] public int N { get; init; }
            async ValueTask RunAsync(TaskContext context)
            {
                if (N > 1)
                {
                    await context.RunAsync([|new Fib { N = N - 1 }|]);
                }
            }
        }
        """,
        new ExpectedDiagnostic("PRC0021", "'Fib' launches itself through the cycle Fib → Fib"));

    [Fact]
    public Task A_chain_without_a_cycle_is_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class A
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) { context.StartChild("b", new B()); context.StartChild("c", new C()); }
        }

        [Process]
        public partial class B
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => context.StartChild("c", new C());
        }

        [Task]
        public partial class C
        {
            ValueTask RunAsync(TaskContext context) => default;
        }

        public static class Program
        {
            public static async Task Main()
            {
                await using var runtime = new ProcessRuntime();
                await runtime.RunAsync(new A());
            }
        }
        """);

    private static readonly ExpectedDiagnostic CycleDiagnostic = new("PRC0021", "'A' launches itself through the cycle A → B → C → A");

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public Task The_severity_follows_editorconfig(string configured, DiagnosticSeverity expected)
    {
        var test = AnalyzerVerifier.CreateTest(Cycle, CycleDiagnostic);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n\n[*.cs]\ndotnet_diagnostic.PRC0021.severity = {configured}\n"));
        test.ExpectedDiagnostics[0] = test.ExpectedDiagnostics[0].WithSeverity(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task The_severity_none_in_editorconfig_silences_the_cycle()
    {
        var test = AnalyzerVerifier.CreateTest(Cycle, CycleDiagnostic);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.PRC0021.severity = none\n"));
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task The_cycle_points_at_every_launch_site()
    {
        // The primary location is the marked span; the additional ones, in order, each launch
        // site after it on the path.
        var test = AnalyzerVerifier.CreateTest(
            Cycle.Replace("new C()", "{|#1:new C()|}", StringComparison.Ordinal).Replace("new A()", "{|#2:new A()|}", StringComparison.Ordinal),
            CycleDiagnostic);
        test.ExpectedDiagnostics[0] = test.ExpectedDiagnostics[0].WithLocation(1).WithLocation(2).WithOptions(DiagnosticOptions.None);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task PRC0021_a_fan_out_of_its_own_type_is_a_cycle() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Linq;
        using Processes;

        [Process]
        public partial class Tree
        {
            [Input] public int Depth { get; init; }
            void DefineOutline(OutlineBuilder outline) => outline.Step(Grow);
            void Grow(StepContext context) => context.StartChildren("branch", [|Enumerable.Range(0, 2).Select(_ => new Tree { Depth = Depth - 1 })|]);
        }
        """,
        new ExpectedDiagnostic("PRC0021", "'Tree' launches itself through the cycle Tree → Tree"));

    [Fact]
    public Task PRC0021_a_cycle_through_a_generic_helper_method_is_seen_at_the_helper_call() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        static class Launching
        {
            public static ProcessId Start<T>(StepContext context, string key, T child)
                where T : class, IProcessDefinition<T> =>
                context.StartChild(key, child);
        }

        [Process]
        public partial class Ping
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => [|Launching.Start(context, "pong", new Pong())|];
        }

        [Process]
        public partial class Pong
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => context.StartChild("ping", new Ping());
        }
        """,
        new ExpectedDiagnostic("PRC0021", "'Ping' launches itself through the cycle Ping → Pong → Ping"));

    [Fact]
    public Task PRC0021_a_cycle_through_static_helpers_that_call_each_other_is_seen() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        static class Children
        {
            public static void AddReport(StepContext context) => Forward(context, new Report());
            static void Forward<TChild>(StepContext context, TChild child)
                where TChild : class, IProcessDefinition<TChild>
            {
                void Launch() => context.StartChild("report", child);
                Launch();
            }
        }

        [Process]
        public partial class Audit
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => [|Children.AddReport(context)|];
        }

        [Task]
        public partial class Report
        {
            async ValueTask RunAsync(TaskContext context) => await context.RunAsync(new Audit());
        }
        """,
        new ExpectedDiagnostic("PRC0021", "'Audit' launches itself through the cycle Audit → Report → Audit"));

    [Fact]
    public Task A_helper_that_launches_another_type_makes_no_cycle() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using Processes;

        static class Launching
        {
            public static ProcessId Start<T>(StepContext context, string key, T child)
                where T : class, IProcessDefinition<T> =>
                context.StartChild(key, child);
        }

        [Process]
        public partial class Outer
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => Launching.Start(context, "inner", new Inner());
        }

        [Process]
        public partial class Inner
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go(StepContext context) => Launching.Start(context, "leaf", new Leaf());
        }

        [Process]
        public partial class Leaf
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """);
}
