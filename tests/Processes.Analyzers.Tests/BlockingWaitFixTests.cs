using System.Threading.Tasks;
using Processes.Analyzers.CodeFixes;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

/// <summary>PRC0022 fixes that also make the enclosing method <c>async</c>.</summary>
public sealed class BlockingWaitFixTests
{
    [Fact]
    public Task PRC0022_makes_a_ValueTask_body_async_and_drops_its_final_return() => CodeFixVerifier.VerifyAsync<BlockingWaitCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public int Length { get; private set; }

            ValueTask RunAsync(TaskContext context)
            {
                Length = [|Task.FromResult("abc").Result|].Length;
                return default;
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
                Length = (await Task.FromResult("abc")).Length;
            }
        }
        """,
        "PRC0022",
        "Make 'RunAsync' async and use 'await'");

    [Fact]
    public Task PRC0022_makes_a_Task_helper_async_and_turns_an_early_return_into_return() => CodeFixVerifier.VerifyAsync<BlockingWaitCodeFix>(
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }

            async ValueTask RunAsync(TaskContext context) => await PauseAsync(context);

            private Task PauseAsync(TaskContext context)
            {
                if (X == 0)
                {
                    return Task.CompletedTask;
                }

                [|Thread.Sleep(X)|];
                return Task.CompletedTask;
            }
        }
        """,
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }

            async ValueTask RunAsync(TaskContext context) => await PauseAsync(context);

            private async Task PauseAsync(TaskContext context)
            {
                if (X == 0)
                {
                    return;
                }

                await Task.Delay(X, context.CancellationToken);
            }
        }
        """,
        "PRC0022",
        "Make 'PauseAsync' async and use 'await Task.Delay'");

    [Fact]
    public Task PRC0022_makes_a_void_step_with_a_context_an_async_ValueTask() => CodeFixVerifier.VerifyAsync<BlockingWaitCodeFix>(
        """
        using System.Threading;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Pause);

            private void Pause(StepContext step)
            {
                [|Thread.Sleep(100)|];
            }
        }
        """,
        """
        using System.Threading;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Pause);

            private async System.Threading.Tasks.ValueTask Pause(StepContext step)
            {
                await System.Threading.Tasks.Task.Delay(100, step.CancellationToken);
            }
        }
        """,
        "PRC0022",
        "Make 'Pause' async and use 'await Task.Delay'");

    [Fact]
    public Task PRC0022_makes_an_expression_bodied_void_step_an_async_ValueTask() => CodeFixVerifier.VerifyAsync<BlockingWaitCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Load).Step(this.Rest);

            void Load() => [|Task.Delay(1).GetAwaiter().GetResult()|];

            void Rest() { }
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Load).Step(this.Rest);

            async ValueTask Load() => await Task.Delay(1);

            void Rest() { }
        }
        """,
        "PRC0022",
        "Make 'Load' async and use 'await'");

    [Fact]
    public Task PRC0022_uses_a_plain_delay_in_a_step_without_a_context() => CodeFixVerifier.VerifyAsync<BlockingWaitCodeFix>(
        """
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Rest);

            public void Rest()
            {
                [|Thread.Sleep(5)|];
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
            void DefineOutline(OutlineBuilder outline) => outline.Step(Rest);

            public async ValueTask Rest()
            {
                await Task.Delay(5);
            }
        }
        """,
        "PRC0022",
        "Make 'Rest' async and use 'await Task.Delay'");

    [Theory]
    [InlineData("ValueTask RunAsync(TaskContext context) { _ = [|Task.FromResult(1).Result|]; return new ValueTask(Task.Delay(1)); }")]
    [InlineData("ValueTask RunAsync(TaskContext context) => default; ValueTask<int> Read() => new([|Task.FromResult(1).Result|]);")]
    [InlineData("ValueTask RunAsync(TaskContext context) => default; void Helper() => [|Thread.Sleep(1)|];")]
    [InlineData("ValueTask RunAsync(TaskContext context) { Func<int> read = () => [|Task.FromResult(3).Result|]; return default; }")]
    [InlineData("async ValueTask RunAsync(TaskContext context) { lock (_gate) { _ = [|Task.FromResult(1).Result|]; } await Task.Yield(); }")]
    public Task PRC0022_offers_no_fix_in_a_task_where_async_is_not_mechanical(string members) => CodeFixVerifier.VerifyNoFixAsync<BlockingWaitCodeFix>(
        $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            private readonly object _gate = new();
            {{members}}
        }
        """,
        "PRC0022");

    [Fact]
    public Task PRC0022_offers_no_fix_for_a_void_step_that_is_also_called_directly() => CodeFixVerifier.VerifyNoFixAsync<BlockingWaitCodeFix>(
        """
        using System.Threading;
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder outline) => outline.Step(Rest).Step(Again);

            void Rest() => [|Thread.Sleep(5)|];

            void Again() => Rest();
        }
        """,
        "PRC0022");
}
