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
}
