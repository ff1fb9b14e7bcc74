using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class BlockingWaitTests
{
    [Fact]
    public Task PRC0022_every_kind_of_blocking_wait() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Blocking
        {
            ValueTask RunAsync(TaskContext context)
            {
                var a = [|Task.FromResult(1).Result|];
                [|Task.Delay(1).Wait()|];
                var b = [|new ValueTask<int>(2).GetAwaiter().GetResult()|];
                [|Thread.Sleep(10)|];
                [|Task.WaitAll(Task.CompletedTask)|];
                return default;
            }
        }
        """,
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Wait()' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.GetAwaiter().GetResult()' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'Thread.Sleep' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'Task.WaitAll' blocks a runtime thread; use 'await' instead"));

    [Fact]
    public Task PRC0022_in_a_lambda_inside_a_process() => AnalyzerVerifier.VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go()
            {
                Func<int> read = () => [|Task.FromResult(3).Result|];
                _ = read();
            }
        }
        """,
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"));

    [Fact]
    public Task Blocking_outside_processes_and_awaiting_inside_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        public static class Tool
        {
            public static int Read() { Thread.Sleep(1); return Task.FromResult(1).Result; }
        }

        [Task]
        public partial class Fine
        {
            async ValueTask RunAsync(TaskContext context)
            {
                var task = Task.FromResult(1);
                await task;
                _ = task.IsCompleted;
                await Task.Delay(1, context.CancellationToken);
            }
        }
        """);

    // The analyzer looks at member names before it binds anything (a name cannot be aliased in C#),
    // so every way of spelling a blocking call or read must still be found.
    [Fact]
    public Task PRC0022_through_using_static_aliases_global_and_conditional_access() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;
        using static System.Threading.Thread;
        using static System.Threading.Tasks.Task;
        using T = System.Threading.Tasks.Task;
        using Th = System.Threading.Thread;

        [Task]
        public partial class Spellings
        {
            ValueTask RunAsync(TaskContext context)
            {
                var task = Task.FromResult(1);
                Task<int>? maybe = null;
                [|Sleep(10)|];
                [|Th.Sleep(10)|];
                [|global::System.Threading.Thread.Sleep(1)|];
                [|WaitAll(CompletedTask)|];
                [|T.WaitAny(CompletedTask)|];
                task?[|.Wait()|];
                var a = maybe?[|.Result|];
                var b = [|(task).Result|];
                return default;
            }
        }
        """,
        new ExpectedDiagnostic("PRC0022", "'Thread.Sleep' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'Thread.Sleep' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'Thread.Sleep' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'Task.WaitAll' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'Task.WaitAny' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Wait()' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"));

    [Fact]
    public Task PRC0022_in_patterns_initializers_local_functions_and_types_derived_from_task() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Places
        {
            private int _field = [|Task.FromResult(1).Result|];
            public int Arrow => [|Task.FromResult(3).Result|];

            ValueTask RunAsync(TaskContext context)
            {
                var task = Task.FromResult(1);
                var nested = Task.FromResult(task);
                var a = task is { [|Result|]: 1 };
                var b = nested is { [|Result|]: { [|Result|]: 5 } };
                var c = new Holder(task) is { [|Inner.Result|]: 5 };
                int Local() => [|task.Result|];
                return default;
            }

            record Holder(Task<int> Inner);

            class Derived : Task<int>
            {
                public Derived() : base(() => 1) { }
                int Read() => [|Result|];
                void Block() => [|Wait()|];
            }
        }
        """,
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Result' blocks a runtime thread; use 'await' instead"),
        new ExpectedDiagnostic("PRC0022", "'.Wait()' blocks a runtime thread; use 'await' instead"));

    [Fact]
    public Task Members_named_like_blocking_ones_on_other_types_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        public class Result { }
        public class NotATask { public int Result => 1; public void Wait() { } public static void Sleep(int milliseconds) { } }

        [Task]
        public partial class Lookalikes
        {
            ValueTask RunAsync(TaskContext context)
            {
                var other = new NotATask();
                _ = other.Result;
                other.Wait();
                NotATask.Sleep(1);
                Result result = new Result();
                return default;
            }
        }
        """);
}
