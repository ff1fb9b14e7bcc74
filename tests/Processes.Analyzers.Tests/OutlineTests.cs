using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class OutlineTests
{
    [Fact]
    public Task PRC0020_an_outline_without_steps() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Process]
        public partial class Idle
        {
            void [|DefineOutline|](OutlineBuilder outline)
            {
                outline.Return(1, "nothing to do");
            }
        }
        """,
        new ExpectedDiagnostic("PRC0020", "The outline of 'Idle' never calls Step, so the process does nothing"));

    [Fact]
    public Task A_step_inside_a_branch_counts() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using Processes;

        [Process]
        public partial class Branchy
        {
            bool _ready;
            void DefineOutline(OutlineBuilder outline) =>
                outline.If(() => _ready, then => then.Step(Go));
            void Go() => _ready = false;
        }
        """);

    // The analyzer reads the body of a method shaped like the outline, on demand (a code-block
    // action); steps added in a local function or lambda count, and only the part with a body is read.
    [Fact]
    public Task PRC0020_for_a_partial_outline_and_steps_in_local_functions_count() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Process]
        public partial class PartialIdle
        {
            partial void DefineOutline(OutlineBuilder outline);
            partial void [|DefineOutline|](OutlineBuilder outline) { }
        }

        [Process]
        public partial class PartialBusy
        {
            partial void DefineOutline(OutlineBuilder outline);
            partial void DefineOutline(OutlineBuilder outline) { outline.Step(Go); }
            void Go() { }
        }

        [Process]
        public partial class LocalFunction
        {
            void DefineOutline(OutlineBuilder outline)
            {
                void Add() => outline.Step(Go);
                Add();
            }

            void Go() { }
        }

        [Process]
        public partial class Overloads
        {
            void [|DefineOutline|](OutlineBuilder outline) { }
            void DefineOutline(int notAnOutline) { }
        }
        """,
        new ExpectedDiagnostic("PRC0020", "The outline of 'PartialIdle' never calls Step, so the process does nothing"),
        new ExpectedDiagnostic("PRC0020", "The outline of 'Overloads' never calls Step, so the process does nothing"));
}
