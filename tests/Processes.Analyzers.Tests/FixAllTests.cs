using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Processes.Analyzers.CodeFixes;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>
/// Issue 11: Fix All of PRC0014's fixes and of PRC0022 fixes every occurrence. On
/// Microsoft.CodeAnalysis.Testing: <c>FixedState</c> is the result of fixing one diagnostic at a
/// time, <c>BatchFixedState</c> the result of Fix All (document, project and solution scope, each
/// in <c>NumberOfFixAllIterations</c> passes), from the action of <c>CodeActionEquivalenceKey</c>.
/// </summary>
public sealed class FixAllTests
{
    [Fact]
    public Task PRC0022_Fix_All_replaces_every_wait_of_each_method_that_is_made_async()
    {
        const string Fixed = """
            using System.Threading;
            using System.Threading.Tasks;
            using Processes;

            [Task]
            public partial class T
            {
                [Output] public int Total { get; private set; }

                async ValueTask RunAsync(TaskContext context)
                {
                    var first = await Task.FromResult(1);
                    await Task.Delay(1);
                    await Task.Delay(1, context.CancellationToken);
                    var second = await Task.FromResult(2);
                    Total = first + second + await Helper();
                }

                private static Task<int> Helper() => Task.FromResult(3);

                private async Task PauseAsync(TaskContext context)
                {
                    await Task.Delay(2, context.CancellationToken);
                    Total = await Task.FromResult(4);
                }
            }
            """;
        var test = new ProcessesTest<BlockingWaitCodeFix>
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;
                using Processes;

                [Task]
                public partial class T
                {
                    [Output] public int Total { get; private set; }

                    ValueTask RunAsync(TaskContext context)
                    {
                        var first = {|PRC0022:Task.FromResult(1).Result|};
                        {|PRC0022:Task.Delay(1).Wait()|};
                        {|PRC0022:Thread.Sleep(1)|};
                        var second = {|PRC0022:Task.FromResult(2).GetAwaiter().GetResult()|};
                        Total = first + second + {|PRC0022:Helper().Result|};
                        return default;
                    }

                    private static Task<int> Helper() => Task.FromResult(3);

                    private Task PauseAsync(TaskContext context)
                    {
                        {|PRC0022:Thread.Sleep(2)|};
                        Total = {|PRC0022:Task.FromResult(4).Result|};
                        return Task.CompletedTask;
                    }
                }
                """,
            // One at a time, the action "Make '…' async" is offered only for the first wait of a
            // method that is not async yet; the method's other waits then offer "Use 'await'",
            // another action (equivalence key), so fixing with this one key stops after the two
            // methods are made async. Fix All applies both kinds, whichever was invoked.
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;
                using Processes;

                [Task]
                public partial class T
                {
                    [Output] public int Total { get; private set; }

                    async ValueTask RunAsync(TaskContext context)
                    {
                        var first = await Task.FromResult(1);
                        {|PRC0022:Task.Delay(1).Wait()|};
                        {|PRC0022:Thread.Sleep(1)|};
                        var second = {|PRC0022:Task.FromResult(2).GetAwaiter().GetResult()|};
                        Total = first + second + {|PRC0022:Helper().Result|};
                    }

                    private static Task<int> Helper() => Task.FromResult(3);

                    private async Task PauseAsync(TaskContext context)
                    {
                        await Task.Delay(2, context.CancellationToken);
                        Total = {|PRC0022:Task.FromResult(4).Result|};
                    }
                }
                """,
            NumberOfIncrementalIterations = 2,
            BatchFixedCode = Fixed,
            // The first wait's action: "Make 'RunAsync' async and use 'await'".
            CodeActionEquivalenceKey = "BlockingWaitCodeFix.MakeAsync",
            NumberOfFixAllIterations = 1,
        };
        // The framework ignores markup of a fixable diagnostic in the fixed code unless told.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task PRC0014_Fix_All_marks_every_unsupported_state_type_once()
    {
        var test = new ProcessesTest<MarkProcessDataCodeFix>
        {
            CodeActionEquivalenceKey = nameof(MarkProcessDataCodeFix),
            NumberOfFixAllIterations = 1,
        };
        test.TestState.Sources.Add("""
            using Processes;

            [Process]
            public partial class Walk
            {
                Point {|PRC0014:_start|};
                Point {|PRC0014:_end|};
                Step {|PRC0014:_last|} = new();
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { _start = _end; _last = new(); }
            }
            """);
        test.TestState.Sources.Add("""
            public struct Point
            {
                public int X;
            }

            public class Step
            {
                public int Index { get; set; }
            }
            """);
        const string Walk = """
            using Processes;

            [Process]
            public partial class Walk
            {
                Point _start;
                Point _end;
                Step _last = new();
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { _start = _end; _last = new(); }
            }
            """;
        const string Types = """
            [Processes.ProcessData]
            public partial struct Point
            {
                public int X;
            }

            [Processes.ProcessData]
            public partial class Step
            {
                public int Index { get; set; }
            }
            """;
        test.FixedState.Sources.Add(Walk);
        test.FixedState.Sources.Add(Types);
        test.BatchFixedState.Sources.Add(Walk);
        test.BatchFixedState.Sources.Add(Types);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task PRC0014_Fix_All_marks_every_state_field_transient()
    {
        const string Fixed = """
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
            """;
        var test = new ProcessesTest<MarkTransientCodeFix>
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
            FixedCode = Fixed,
            BatchFixedCode = Fixed,
            CodeActionEquivalenceKey = nameof(MarkTransientCodeFix),
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
