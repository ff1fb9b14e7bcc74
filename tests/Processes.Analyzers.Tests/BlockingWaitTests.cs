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
}
