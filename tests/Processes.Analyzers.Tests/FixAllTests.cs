using System.Threading.Tasks;
using Processes.Analyzers.CodeFixes;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>Issue 11: Fix All of PRC0014's fixes and of PRC0022 fixes every occurrence in a document.</summary>
public sealed class FixAllTests
{
    [Fact]
    public Task PRC0022_Fix_All_replaces_every_wait_of_each_method_that_is_made_async() => FixAllVerifier.VerifyAsync<BlockingWaitCodeFix>(
        [
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Processes;

            [Task]
            public partial class T
            {
                [Output] public int Total { get; private set; }

                ValueTask RunAsync(TaskContext context)
                {
                    var first = Task.FromResult(1).Result;
                    Task.Delay(1).Wait();
                    Thread.Sleep(1);
                    var second = Task.FromResult(2).GetAwaiter().GetResult();
                    Total = first + second + Helper().Result;
                    return default;
                }

                private static Task<int> Helper() => Task.FromResult(3);

                private Task PauseAsync(TaskContext context)
                {
                    Thread.Sleep(2);
                    Total = Task.FromResult(4).Result;
                    return Task.CompletedTask;
                }
            }
            """,
        ],
        [
            """
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
            """,
        ],
        "PRC0022",
        "Make 'RunAsync' async and use 'await'");

    [Fact]
    public Task PRC0014_Fix_All_marks_every_unsupported_state_type_once() => FixAllVerifier.VerifyAsync<MarkProcessDataCodeFix>(
        [
            """
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
            """,
            """
            public struct Point
            {
                public int X;
            }

            public class Step
            {
                public int Index { get; set; }
            }
            """,
        ],
        [
            """
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
            """,
            """
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
            """,
        ],
        "PRC0014",
        "Mark 'Point' [ProcessData]");

    [Fact]
    public Task PRC0014_Fix_All_marks_every_state_field_transient() => FixAllVerifier.VerifyAsync<MarkTransientCodeFix>(
        [
            """
            using System.IO;
            using Processes;

            [Process]
            public partial class Walk
            {
                Stream? _input;
                Stream? _output;
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { _input = null; _output = _input; }
            }
            """,
        ],
        [
            """
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
        ],
        "PRC0014",
        "Mark the field [Transient]");
}
