using System.Threading.Tasks;
using Processes.Analyzers.CodeFixes;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class EntryMethodSignatureFixTests
{
    private const string BodyTitle = "Change the signature to 'ValueTask RunAsync(TaskContext context)'";
    private const string OutlineTitle = "Change the signature to 'void DefineOutline(OutlineBuilder outline)'";

    [Fact]
    public Task PRC0005_an_expression_bodied_Task_returns_default() => CodeFixVerifier.VerifyAsync<FixEntryMethodSignatureCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            Task [|RunAsync|](TaskContext context) => Task.CompletedTask;
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        "PRC0005",
        BodyTitle);

    [Fact]
    public Task PRC0005_an_async_Task_becomes_an_async_ValueTask() => CodeFixVerifier.VerifyAsync<FixEntryMethodSignatureCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }

            private async Task [|RunAsync|](TaskContext context)
            {
                if (X < 0)
                {
                    return;
                }

                await Task.Delay(X, context.CancellationToken);
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }

            private async ValueTask RunAsync(TaskContext context)
            {
                if (X < 0)
                {
                    return;
                }

                await Task.Delay(X, context.CancellationToken);
            }
        }
        """,
        "PRC0005",
        BodyTitle);

    [Fact]
    public Task PRC0005_a_synchronous_Task_body_wraps_what_it_returns() => CodeFixVerifier.VerifyAsync<FixEntryMethodSignatureCodeFix>(
        """
        using System;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }

            Task [|RunAsync|](TaskContext context)
            {
                Func<Task> later = () => { return Task.Delay(1); };
                if (X == 0)
                {
                    return Task.CompletedTask; // nothing to wait for
                }

                return Task.Delay(X, context.CancellationToken);
            }
        }
        """,
        """
        using System;
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }

            ValueTask RunAsync(TaskContext context)
            {
                Func<Task> later = () => { return Task.Delay(1); };
                if (X == 0)
                {
                    return default; // nothing to wait for
                }

                return new ValueTask(Task.Delay(X, context.CancellationToken));
            }
        }
        """,
        "PRC0005",
        BodyTitle);

    [Fact]
    public Task PRC0005_a_parameterless_void_body_gets_the_context_and_returns_default() => CodeFixVerifier.VerifyAsync<FixEntryMethodSignatureCodeFix>(
        """
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }
            [Output] public int Y { get; private set; }

            public void [|RunAsync|]()
            {
                Y = X * 2;
            }
        }
        """,
        """
        using Processes;

        [Task]
        public partial class T
        {
            [Input] public int X { get; init; }
            [Output] public int Y { get; private set; }

            public System.Threading.Tasks.ValueTask RunAsync(TaskContext context)
            {
                Y = X * 2;
                return default;
            }
        }
        """,
        "PRC0005",
        BodyTitle);

    [Fact]
    public Task PRC0005_a_parameterless_body_gets_the_context() => CodeFixVerifier.VerifyAsync<FixEntryMethodSignatureCodeFix>(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            ValueTask [|RunAsync|]() => default;
        }
        """,
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        "PRC0005",
        BodyTitle);

    [Fact]
    public Task PRC0005_an_outline_keeps_its_builder_and_drops_an_unused_parameter() => CodeFixVerifier.VerifyAsync<FixEntryMethodSignatureCodeFix>(
        """
        using Processes;

        [Process]
        public partial class P
        {
            void [|DefineOutline|](OutlineBuilder builder, int retries) => builder.Step(Go);
            void Go() { }
        }
        """,
        """
        using Processes;

        [Process]
        public partial class P
        {
            void DefineOutline(OutlineBuilder builder) => builder.Step(Go);
            void Go() { }
        }
        """,
        "PRC0005",
        OutlineTitle);

    [Fact]
    public Task PRC0005_an_outline_with_an_unused_wrong_parameter_gets_the_builder() => CodeFixVerifier.VerifyAsync<FixEntryMethodSignatureCodeFix>(
        """
        using Processes;

        [Process]
        public partial class P
        {
            void [|DefineOutline|](StepContext step)
            {
            }
        }
        """,
        """
        using Processes;

        [Process]
        public partial class P
        {
            void {|PRC0020:DefineOutline|}(OutlineBuilder outline)
            {
            }
        }
        """,
        "PRC0005",
        OutlineTitle);

    [Theory]
    [InlineData("void [|RunAsync|](TaskContext context) { if (context is null) return; Y = 1; }")]
    [InlineData("void [|RunAsync|](TaskContext context) => Y = 1;")]
    [InlineData("ValueTask<int> [|RunAsync|](TaskContext context) => new(1);")]
    [InlineData("static ValueTask [|RunAsync|](TaskContext context) => default;")]
    [InlineData("ValueTask [|RunAsync|](StepContext context) => new(Task.Delay(1, context.CancellationToken));")]
    [InlineData("ValueTask [|RunAsync|]() { var context = 1; Y = context; return default; }")]
    [InlineData("ValueTask [|RunAsync|]() => default; public ValueTask Start() => RunAsync();")]
    public Task PRC0005_offers_no_fix_for_a_body_that_is_not_mechanical(string members) => CodeFixVerifier.VerifyNoFixAsync<FixEntryMethodSignatureCodeFix>(
        $$"""
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public int Y { get; private set; }
            {{members}}

            // Assigns Y for the bodies that do not (PRC0046 is not what these cases test).
            public void Reset() => Y = 0;
        }
        """,
        "PRC0005");

    [Theory]
    [InlineData("void [|DefineOutline|](StepContext step) => _ = step.CancellationToken;")]
    [InlineData("bool [|DefineOutline|](OutlineBuilder outline) => true;")]
    [InlineData("void [|DefineOutline|](OutlineBuilder first, OutlineBuilder second) { _ = first; _ = second; }")]
    public Task PRC0005_offers_no_fix_for_an_outline_that_is_not_mechanical(string member) => CodeFixVerifier.VerifyNoFixAsync<FixEntryMethodSignatureCodeFix>(
        $$"""
        using Processes;

        [Process]
        public partial class P
        {
            {{member}}
        }
        """,
        "PRC0005");
}
