using System.Linq;
using System.Threading.Tasks;
using Processes.Analyzers.CodeFixes;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class DataTypeDeclarationTests
{
    [Theory]
    [InlineData("ProcessData", "public sealed class")]
    [InlineData("PortNamespace", "public record")]
    [InlineData("ProcessData", "public struct")]
    public Task PRC0028_a_type_that_is_not_partial(string attribute, string declaration) => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [{{attribute}}]
        {{declaration}} [|Point|]
        {
            public double X { get; set; }
        }
        """,
        new ExpectedDiagnostic("PRC0028", $"The generator skips the [{attribute}] type 'Point' because it is not partial; declare it partial"));

    [Fact]
    public Task PRC0028_a_containing_type_that_is_not_partial() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public static class Models
        {
            [ProcessData]
            public partial class [|Point|]
            {
                public double X { get; set; }
            }
        }
        """,
        new ExpectedDiagnostic("PRC0028", "The generator skips the [ProcessData] type 'Point' because the containing type 'Models' is not partial; declare it partial"));

    [Fact]
    public Task PRC0028_the_type_and_its_containing_types_are_not_partial() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public class Outer
        {
            public partial class Middle
            {
                [PortNamespace]
                public class [|Options|]
                {
                    public int Steps { get; init; }
                }
            }
        }
        """,
        new ExpectedDiagnostic("PRC0028", "The generator skips the [PortNamespace] type 'Options' because 'Options' and 'Outer' are not partial; declare them partial"));

    [Theory]
    [InlineData("public abstract partial class [|Shape|]", "it is abstract; mark a concrete type instead")]
    [InlineData("public static partial class [|Shape|]", "it is static; remove 'static'")]
    [InlineData("public partial class [|Shape|]<T>", "it is generic; use a non-generic type")]
    [InlineData("public partial class [|Shape|] : System.Exception", "it derives from 'Exception'; remove the base class")]
    public Task PRC0028_a_shape_the_generator_skips(string declaration, string reason) => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [ProcessData]
        {{declaration}}
        {
        }
        """,
        new ExpectedDiagnostic("PRC0028", $"The generator skips the [ProcessData] type 'Shape' because {reason}"));

    [Fact]
    public Task PRC0028_counts_get_only_collections_among_the_serialized_members()
    {
        // 249 fields and one get-only list, which the serializer fills in place: 250 members.
        var fields = string.Concat(Enumerable.Range(0, 249).Select(index => $"public int F{index}; "));
        return AnalyzerVerifier.VerifyAsync(
            $$"""
            using System.Collections.Generic;
            using Processes;

            [ProcessData]
            public partial class [|Wide|]
            {
                {{fields}}
                public List<int> Items { get; } = new();
            }
            """,
            new ExpectedDiagnostic("PRC0028", "The generator skips the [ProcessData] type 'Wide' because it has 250 or more serialized members; group some of them in a nested [ProcessData] type"));
    }

    [Theory]
    [InlineData(249, false)]
    [InlineData(250, true)]
    public Task PRC0028_a_type_with_too_many_serialized_members(int count, bool reported)
    {
        // Private, static and get-only members are not serialized, so they do not count.
        var fields = string.Concat(Enumerable.Range(0, count).Select(index => $"public int F{index}; "));
        var source = $$"""
            using Processes;

            [ProcessData]
            public partial class {{(reported ? "[|Wide|]" : "Wide")}}
            {
                {{fields}}
                private int _hidden;
                public static int Shared;
                public int ReadOnly => _hidden;
            }
            """;
        return reported
            ? AnalyzerVerifier.VerifyAsync(source, new ExpectedDiagnostic("PRC0028", "The generator skips the [ProcessData] type 'Wide' because it has 250 or more serialized members; group some of them in a nested [ProcessData] type"))
            : AnalyzerVerifier.VerifyCleanAsync(source);
    }

    [Fact]
    public Task PRC0028_a_type_nested_in_a_generic_type() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public partial class Box<T>
        {
            [ProcessData]
            public partial class [|Item|]
            {
                public int X { get; set; }
            }
        }
        """,
        new ExpectedDiagnostic("PRC0028", "The generator skips the [ProcessData] type 'Item' because it is nested in the generic type 'Box'; move it out of 'Box'"));

    [Fact]
    public Task Partial_data_types_records_and_nested_types_are_accepted() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using Processes;

        [ProcessData]
        public partial record struct Pair(int A, int B);

        public static partial class Models
        {
            [PortNamespace]
            public sealed partial record Options
            {
                public int Steps { get; init; }
            }
        }

        public class NotMarked<T> : System.Exception
        {
        }
        """);

    [Fact]
    public Task PRC0028_makes_the_type_partial() => CodeFixVerifier.VerifyAsync<MakePartialCodeFix>(
        """
        using Processes;

        /// <summary>A point.</summary>
        [ProcessData]
        public sealed class [|Point|]
        {
            public double X { get; set; }
        }
        """,
        """
        using Processes;

        /// <summary>A point.</summary>
        [ProcessData]
        public sealed partial class Point
        {
            public double X { get; set; }
        }
        """,
        "PRC0028",
        "Make 'Point' partial");

    [Fact]
    public Task PRC0028_makes_the_type_and_every_containing_type_partial() => CodeFixVerifier.VerifyAsync<MakePartialCodeFix>(
        """
        using Processes;

        class Outer
        {
            public partial class Middle
            {
                [PortNamespace]
                public record [|Options|]
                {
                    public int Steps { get; init; }
                }
            }
        }
        """,
        """
        using Processes;

        partial class Outer
        {
            public partial class Middle
            {
                [PortNamespace]
                public partial record Options
                {
                    public int Steps { get; init; }
                }
            }
        }
        """,
        "PRC0028",
        "Make 'Options' partial");

    [Fact]
    public Task PRC0028_offers_no_fix_when_partial_would_not_help() => CodeFixVerifier.VerifyNoFixAsync<MakePartialCodeFix>(
        """
        using Processes;

        [ProcessData]
        public class [|Box|]<T>
        {
            public T? Value { get; set; }
        }
        """,
        "PRC0028");
}
