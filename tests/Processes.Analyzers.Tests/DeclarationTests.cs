using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class DeclarationTests
{
    [Fact]
    public Task PRC0001_a_class_that_is_not_partial() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public class [|Square|]
        {
            ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0001", "'Square' must be declared partial so the generator can extend the [Task] class 'Square'"));

    [Fact]
    public Task PRC0001_a_containing_type_that_is_not_partial() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public class [|Outer|]
        {
            [Process]
            public partial class Inner
            {
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { }
            }
        }
        """,
        new ExpectedDiagnostic("PRC0001", "'Outer' must be declared partial so the generator can extend the [Process] class 'Inner'"));

    [Fact]
    public Task PRC0002_both_process_and_task() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Process, Task]
        public partial class [|Both|]
        {
        }
        """,
        new ExpectedDiagnostic("PRC0002", "'Both' is marked both [Process] and [Task]; keep one"));

    [Theory]
    [InlineData("public abstract partial class", "", "abstract")]
    [InlineData("public static partial class", "", "static")]
    [InlineData("public partial class", "<T>", "generic")]
    public Task PRC0003_an_unsupported_shape(string declaration, string typeParameters, string reason) => AnalyzerVerifier.VerifyAsync(
        $$"""
        using System.Threading.Tasks;
        using Processes;

        [Task]
        {{declaration}} [|Shape|]{{typeParameters}}
        {
        }
        """,
        new ExpectedDiagnostic("PRC0003", $"'Shape' cannot be a [Task] because it is {reason}"));

    [Fact]
    public Task PRC0004_a_task_without_a_body() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Task]
        public partial class [|Empty|]
        {
        }
        """,
        new ExpectedDiagnostic("PRC0004", "The [Task] class 'Empty' needs the method 'ValueTask RunAsync(TaskContext context)'"));

    [Fact]
    public Task PRC0004_a_process_without_an_outline() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Process]
        public partial class [|Empty|]
        {
        }
        """,
        new ExpectedDiagnostic("PRC0004", "The [Process] class 'Empty' needs the method 'void DefineOutline(OutlineBuilder outline)'"));

    [Theory]
    [InlineData("static ValueTask RunAsync(TaskContext context) => default;")]
    [InlineData("Task RunAsync(TaskContext context) => Task.CompletedTask;")]
    [InlineData("ValueTask RunAsync() => default;")]
    [InlineData("ValueTask RunAsync(StepContext context) => default;")]
    public Task PRC0005_a_body_with_the_wrong_signature(string method) => AnalyzerVerifier.VerifyAsync(
        $$"""
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Wrong
        {
            {{method.Replace("RunAsync", "[|RunAsync|]", System.StringComparison.Ordinal)}}
        }
        """,
        new ExpectedDiagnostic("PRC0005", "'Wrong.RunAsync' must be a non-generic instance method with the signature 'ValueTask RunAsync(TaskContext context)'"));

    [Fact]
    public Task PRC0005_an_outline_with_the_wrong_signature() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        [Process]
        public partial class Wrong
        {
            bool [|DefineOutline|](OutlineBuilder outline) => true;
        }
        """,
        new ExpectedDiagnostic("PRC0005", "'Wrong.DefineOutline' must be a non-generic instance method with the signature 'void DefineOutline(OutlineBuilder outline)'"));

    [Fact]
    public Task A_correct_overload_beside_a_wrong_one_is_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Threading.Tasks;
        using Processes;

        [Task]
        public partial class Overloads
        {
            ValueTask RunAsync() => default;
            public ValueTask RunAsync(TaskContext context) => RunAsync();
        }
        """);

    [Fact]
    public Task Unmarked_classes_are_not_checked() => AnalyzerVerifier.VerifyCleanAsync(
        """
        public abstract class Plain<T>
        {
        }
        """);
}
