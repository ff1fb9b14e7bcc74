using System.Threading.Tasks;
using Processes.Analyzers.CodeFixes;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class CodeFixTests
{
    [Fact]
    public Task PRC0001_makes_the_class_partial() => CodeFixVerifier.VerifyAsync<MakePartialCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public sealed class [|Square|]
        {
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public sealed partial class Square
        {
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        "PRC0001",
        "Make 'Square' partial");

    [Fact]
    public Task PRC0001_makes_a_containing_type_without_modifiers_partial() => CodeFixVerifier.VerifyAsync<MakePartialCodeFix>(
        """
        using Processes;

        class [|Outer|]
        {
            [Process]
            public partial class Inner
            {
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { }
            }
        }
        """,
        """
        using Processes;

        partial class Outer
        {
            [Process]
            public partial class Inner
            {
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { }
            }
        }
        """,
        "PRC0001",
        "Make 'Outer' partial");

    [Fact]
    public Task PRC0004_inserts_a_task_body_that_compiles() => CodeFixVerifier.VerifyAsync<InsertEntryMethodCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class [|Empty|]
        {
            [Input] public int X { get; init; }
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Empty
        {
            [Input] public int X { get; init; }

            private ValueTask RunAsync(TaskContext context)
            {
                return default;
            }
        }
        """,
        "PRC0004",
        "Add 'ValueTask RunAsync(TaskContext context)'");

    [Fact]
    public Task PRC0004_inserts_an_outline_with_full_names_when_usings_are_missing() => CodeFixVerifier.VerifyAsync<InsertEntryMethodCodeFix>(
        """
        [Processes.Process]
        public partial class [|Empty|]
        {
        }
        """,
        """
        [Processes.Process]
        public partial class Empty
        {
            private void {|PRC0020:DefineOutline|}(Processes.OutlineBuilder outline)
            {
            }
        }
        """,
        "PRC0004",
        "Add 'void DefineOutline(OutlineBuilder outline)'");

    [Fact]
    public Task PRC0006_adds_an_init_accessor() => CodeFixVerifier.VerifyAsync<AddInitAccessorCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int [|X|] { get; }
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        "PRC0006",
        "Add 'init' accessor");

    [Fact]
    public Task PRC0007_replaces_init_with_private_set() => CodeFixVerifier.VerifyAsync<AddPrivateSetterCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public int [|Y|] { get; init; }
            ValueTask RunAsync(TaskContext context) { {|CS8852:Y|} = 1; return default; }
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public int Y { get; private set; }
            ValueTask RunAsync(TaskContext context) { Y = 1; return default; }
        }
        """,
        "PRC0007",
        "Add 'private set' accessor");

    [Fact]
    public Task PRC0012_removes_the_initializer() => CodeFixVerifier.VerifyAsync<RemoveInitializerCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public required int Steps { get; init; } [|= 5|]; // how many
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public required int Steps { get; init; } // how many
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        "PRC0012",
        "Remove the initializer");

    [Fact]
    public Task PRC0013_marks_a_type_in_another_file_ProcessData_and_partial() => CodeFixVerifier.VerifyAsync<MarkProcessDataCodeFix>(
        new[]
        {
            """
            using System.Threading.Tasks;
            using Processes;

            [Task]
            public partial class T
            {
                [Input] public Models.Point? [|Start|] { get; init; }
                ValueTask RunAsync(TaskContext context) => default;
            }
            """,
            """
            using Processes;

            namespace Models
            {
                /// <summary>A point.</summary>
                public sealed class Point
                {
                    public double X { get; set; }
                }
            }
            """,
        },
        new[]
        {
            """
            using System.Threading.Tasks;
            using Processes;

            [Task]
            public partial class T
            {
                [Input] public Models.Point? Start { get; init; }
                ValueTask RunAsync(TaskContext context) => default;
            }
            """,
            """
            using Processes;

            namespace Models
            {
                /// <summary>A point.</summary>
                [ProcessData]
                public sealed partial class Point
                {
                    public double X { get; set; }
                }
            }
            """,
        },
        "PRC0013",
        "Mark 'Point' [ProcessData]");

    [Fact]
    public Task PRC0014_marks_the_field_Transient() => CodeFixVerifier.VerifyAsync<MarkTransientCodeFix>(
        """
        using System.IO;
        using Processes;

        [Process]
        public partial class P
        {
            private Stream? [|_log|];
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _log?.Flush();
        }
        """,
        """
        using System.IO;
        using Processes;

        [Process]
        public partial class P
        {
            [Transient] private Stream? _log;
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _log?.Flush();
        }
        """,
        "PRC0014",
        "Mark the field [Transient]");

    [Fact]
    public Task PRC0014_marks_a_state_type_ProcessData() => CodeFixVerifier.VerifyAsync<MarkProcessDataCodeFix>(
        """
        using Processes;

        public class Progress
        {
            public int Done;
        }

        [Process]
        public partial class P
        {
            private Progress [|_progress|] = new();
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _progress.Done++;
        }
        """,
        """
        using Processes;

        [ProcessData]
        public partial class Progress
        {
            public int Done;
        }

        [Process]
        public partial class P
        {
            private Progress _progress = new();
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() => _progress.Done++;
        }
        """,
        "PRC0014",
        "Mark 'Progress' [ProcessData]");

    [Fact]
    public Task PRC0022_awaits_a_result_in_an_async_step() => CodeFixVerifier.VerifyAsync<BlockingWaitCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public int Length { get; private set; }

            async ValueTask RunAsync(TaskContext context)
            {
                await Task.Yield();
                Length = [|Task.FromResult("abc").Result|].Length;
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public int Length { get; private set; }

            async ValueTask RunAsync(TaskContext context)
            {
                await Task.Yield();
                Length = (await Task.FromResult("abc")).Length;
            }
        }
        """,
        "PRC0022",
        "Use 'await'");

    [Fact]
    public Task PRC0022_replaces_Thread_Sleep_with_a_cancellable_delay() => CodeFixVerifier.VerifyAsync<BlockingWaitCodeFix>(
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Pause);

            async ValueTask Pause(StepContext step)
            {
                await Task.Yield();
                [|Thread.Sleep(100)|];
            }
        }
        """,
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Pause);

            async ValueTask Pause(StepContext step)
            {
                await Task.Yield();
                await Task.Delay(100, step.CancellationToken);
            }
        }
        """,
        "PRC0022",
        "Use 'await Task.Delay'");
}
