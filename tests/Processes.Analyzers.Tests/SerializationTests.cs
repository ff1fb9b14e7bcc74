using System.Threading.Tasks;
using Processes.Analyzers.Tests.Harness;
using Xunit;

namespace Processes.Analyzers.Tests;

public sealed class SerializationTests
{
    [Fact]
    public Task PRC0013_names_the_member_path_to_the_unsupported_type() => AnalyzerVerifier.VerifyAsync(
        """
        using System.IO;
        using Processes;

        [ProcessData]
        public partial class Solver
        {
            public string Name { get; set; } = "";
            public Stream? Handle { get; set; }
        }

        [PortNamespace]
        public partial class Options
        {
            public Solver Solver { get; init; } = new();
        }

        [Process]
        public partial class Relax
        {
            [Input] public Options [|Options|] { get; init; } = new();
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0013", "The type 'System.IO.Stream' used by 'Relax.Options.Solver.Handle' cannot be serialized; use a supported type or mark it [ProcessData]"));

    [Theory]
    [InlineData("object")]
    [InlineData("System.Func<int>")]
    [InlineData("System.Uri")]
    [InlineData("System.Collections.Generic.List<object>")]
    [InlineData("(int, int)")]
    public Task PRC0013_unsupported_framework_types(string type) => AnalyzerVerifier.VerifyAsync(
        $$"""
        using Processes;

        [Task]
        public partial class T
        {
            [Output] public {{type}} [|Value|] { get; private set; } = default!;
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0013", $"The type '{(type.StartsWith("System.Collections", System.StringComparison.Ordinal) ? "object" : type)}' used by 'T.Value' cannot be serialized; use a supported type or mark it [ProcessData]"));

    [Fact]
    public Task PRC0013_an_unmarked_user_class() => AnalyzerVerifier.VerifyAsync(
        """
        using Processes;

        public class Point { public double X { get; set; } }

        [Task]
        public partial class T
        {
            [Input] public Point? [|Start|] { get; init; }
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """,
        new ExpectedDiagnostic("PRC0013", "The type 'Point' used by 'T.Start' cannot be serialized; use a supported type or mark it [ProcessData]"));

    [Fact]
    public Task PRC0014_a_state_field_of_an_unsupported_type() => AnalyzerVerifier.VerifyAsync(
        """
        using System.Threading;
        using Processes;

        [Process]
        public partial class P
        {
            private CancellationTokenSource? [|_source|];
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { }
        }
        """,
        new ExpectedDiagnostic("PRC0014", "The type 'System.Threading.CancellationTokenSource' used by the state field 'P._source' cannot be checkpointed; use a supported type, mark it [ProcessData] or mark the field [Transient]"));

    [Fact]
    public Task Transient_readonly_static_fields_and_task_fields_are_not_state() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.IO;
        using Processes;

        [Process]
        public partial class P
        {
            [Transient] private Stream? _a;
            private readonly Stream? _b = null;
            private static Stream? s_c;
            void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
            void Go() { _a = s_c; _ = _b; }
        }

        [Task]
        public partial class T
        {
            private Stream? _cache;
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) { _cache = null; return default; }
        }
        """);

    [Fact]
    public Task Recursive_data_types_are_walked_once() => AnalyzerVerifier.VerifyCleanAsync(
        """
        using System.Collections.Generic;
        using Processes;

        [ProcessData]
        public partial class Node
        {
            public List<Node> Children { get; set; } = new();
            public Node? Parent;
        }

        [Task]
        public partial class T
        {
            [Input] public Node? Tree { get; init; }
            [Input] public Dictionary<string, HashSet<System.DateTimeOffset>>? Times { get; init; }
            [Input] public byte[]? Blob { get; init; }
            [Input] public IDictionary<string, IList<decimal?>>? Numbers { get; init; }
            System.Threading.Tasks.ValueTask RunAsync(TaskContext context) => default;
        }
        """);
}
