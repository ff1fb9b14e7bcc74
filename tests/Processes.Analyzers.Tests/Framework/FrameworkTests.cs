using System.Threading.Tasks;
using Processes.Analyzers.CodeFixes;
using Xunit;

namespace Processes.Analyzers.Tests.Framework;

/// <summary>
/// Analyzer and code-fix tests written with Microsoft.CodeAnalysis.CSharp.CodeFix.Testing 1.1.4
/// (run offline through <see cref="FrameworkVerifier"/>): the framework also checks what our
/// harness does not: that the fixed code has no diagnostic left, Fix All in document, project and
/// solution scope, and that the fix is stable when applied again.
/// </summary>
public sealed class FrameworkTests
{
    [Fact]
    public async Task PRC0001_is_reported_at_the_class_name()
    {
        var test = new FrameworkVerifier.AnalyzerTest<ProcessDeclarationAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Processes;

                [Task]
                public class {|PRC0001:Square|}
                {
                    ValueTask RunAsync(TaskContext context) => default;
                }
                """,
        };

        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PRC0014_Mark_Transient_fixes_every_field_in_every_Fix_All_scope()
    {
        var test = new FrameworkVerifier.CodeFixTest<SerializationAnalyzer, MarkTransientCodeFix>
        {
            TestCode = """
                using System.IO;
                using Processes;

                [Process]
                public partial class Walk
                {
                    Stream? {|PRC0014:_input|};
                    Stream? {|PRC0014:_output|};
                    void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                    void Go() { _input = null; _output = _input; }
                }
                """,
            FixedCode = """
                using System.IO;
                using Processes;

                [Process]
                public partial class Walk
                {
                    [Transient] Stream? _input;
                    [Transient] Stream? _output;
                    void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                    void Go() { _input = null; _output = _input; }
                }
                """,
            CodeActionEquivalenceKey = nameof(MarkTransientCodeFix),
        };

        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
