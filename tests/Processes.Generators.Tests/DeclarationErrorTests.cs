using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Processes.Documentation.Tests;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>
/// A user's mistake is reported only in the user's file (issue 11): a declaration the analyzers
/// reject with a PRC error still gets generated code that compiles, minus the offending member.
/// Every "Reported" example of a diagnostic page whose default severity is Error is compiled with
/// the generator (the analyzers are not run here: they report the PRC error, this test is about
/// what is left). No error may be located in a generated file, and no CS0311/CS0315 (a type used
/// where the generated code needs a codec, or a class that lost its IProcessDefinition&lt;T&gt;)
/// anywhere.
/// </summary>
public sealed class DeclarationErrorTests
{
    private static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading", "System.Threading.Tasks",
        "System.ComponentModel.DataAnnotations", "Processes", "Processes.Checkpoints", "Processes.Ports",
    ];

    public static TheoryData<string> ReportedErrorExamples()
    {
        var data = new TheoryData<string>();
        foreach (var page in MarkdownSnippets.Pages().Where(page => page.StartsWith("docs/diagnostics/PRC", StringComparison.Ordinal)))
        {
            if (!File.ReadAllText(Path.Combine(MarkdownSnippets.RepositoryRoot, page)).Contains("| Default severity | Error |", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var snippet in MarkdownSnippets.Read(page).Where(snippet => snippet.Reports is not null))
            {
                data.Add(snippet.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReportedErrorExamples))]
    public void The_generated_code_of_a_reported_error_example_compiles(string example)
    {
        var page = example[..example.LastIndexOf(':')];
        var snippet = MarkdownSnippets.Read(page).Single(candidate => candidate.ToString() == example);
        var included = snippet.With
            .Select(relative => MarkdownSnippets.Resolve(page, relative))
            .SelectMany(MarkdownSnippets.Read)
            .Where(other => !other.IsFragment && other.Reports is null);
        AssertGeneratedCodeCompiles([snippet.Code, .. included.Select(other => other.Code)]);
    }

    [Fact]
    public void PRC0010_a_duplicate_port_name_keeps_the_first_port()
    {
        AssertGeneratedCodeCompiles([Example("PRC0010")]);
    }

    [Fact]
    public void PRC0013_a_port_of_a_type_that_cannot_be_serialized_is_left_out()
    {
        AssertGeneratedCodeCompiles([Example("PRC0013")]);
    }

    [Fact]
    public void PRC0014_a_state_field_that_cannot_be_checkpointed_is_left_out()
    {
        AssertGeneratedCodeCompiles(["""
            [Process]
            public partial class Relax
            {
                [Input] public int Count { get; init; }
                private CancellationTokenSource? _source;
                private int _done;

                void DefineOutline(OutlineBuilder outline) => outline.Step(Run);
                void Run(StepContext context)
                {
                    _source = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
                    _done = Count;
                }
            }
            """]);
    }

    [Fact]
    public void PRC0037_a_port_of_a_MemoryPackable_type_the_SDK_cannot_serialize_is_left_out()
    {
        AssertGeneratedCodeCompiles([Example("PRC0037")]);
    }

    [Fact]
    public void PRC0013_PRC0014_PRC0037_a_data_type_with_a_member_that_cannot_be_serialized_leaves_out_the_ports_and_fields_that_use_it()
    {
        AssertGeneratedCodeCompiles(["""
            using MemoryPack;

            [ProcessData] public class Solver { public System.IO.Stream? Handle { get; set; } public int Steps { get; set; } }
            [PortNamespace] public class Options { public Solver Solver { get; set; } = new(); public int Tolerance { get; set; } }
            [ProcessData] public class Basket { public List<object> Items { get; } = new(); }
            [ProcessData] public struct Point { public object? Tag { get; set; } public int X { get; set; } }
            [MemoryPackable] public partial class Customer { public object? Tag { get; set; } public string Name { get; set; } = ""; }
            [ProcessData] public class Holder { public Customer Customer { get; set; } = new(); }

            [Process]
            public partial class Relax
            {
                [Input] public Options Options { get; init; } = new();
                [Input] public Basket Basket { get; init; } = new();
                [Input] public Holder Holder { get; init; } = new();
                [Output] public int Done { get; private set; }
                private Point? _last;
                private Customer? _customer;

                void DefineOutline(OutlineBuilder outline) => outline.Step(Run);
                void Run(StepContext context) { Done = Options.Tolerance; _last = null; _customer = Holder.Customer; }
            }
            """]);
    }

    [Fact]
    public void PRC0025_an_exposure_that_would_clash_is_left_out()
    {
        AssertGeneratedCodeCompiles(["""
            [Task]
            public partial class Square
            {
                [Input] public required int X { get; init; }
                [Input] public int Y { get; init; }
                [Output] public int Result { get; private set; }
                private ValueTask RunAsync(TaskContext context) { Result = X * X + Y; return default; }
            }

            // 'x' is declared and exposed: the exposed 'x' is left out, CreateSquare takes it as a parameter.
            [Process]
            [ExposeInputs(typeof(Square))]
            [ExposeOutputs(typeof(Square))]
            public partial class Workflow
            {
                [Input] public int X { get; init; }
                [Output] public int Result { get; private set; }
                void DefineOutline(OutlineBuilder outline) => outline.Step(Run);
                void Run(StepContext context) => context.StartChild("square", CreateSquare(X));
            }

            // The same child exposed twice, and a namespace named like a declared input: the later ones are left out.
            [Process]
            [ExposeInputs(typeof(Square))]
            [ExposeInputs(typeof(Square))]
            [ExposeInputs(typeof(Square), Namespace = "count")]
            public partial class Twice
            {
                [Input] public int Count { get; init; }
                void DefineOutline(OutlineBuilder outline) => outline.Step(Run);
                void Run(StepContext context) => context.StartChild("square", CreateSquare());
            }

            // A member named like the generated helper: the helper is left out. (ExposeAnalyzer does not
            // report this one: it knows the declared port members and the generated names, not every
            // member of the class. Before, CS0111 in the generated file.)
            [Process]
            [ExposeInputs(typeof(Square))]
            public partial class Taken
            {
                void DefineOutline(OutlineBuilder outline) => outline.Step(Run);
                void Run(StepContext context) => context.StartChild("square", CreateSquare());
                private Square CreateSquare() => new() { X = 1 };
            }
            """]);
    }

    [Fact]
    public void PRC0047_PRC0048_a_shared_state_member_or_operation_of_a_type_that_cannot_be_serialized_is_left_out()
    {
        AssertGeneratedCodeCompiles(["""
            [ProcessData] public class Solver { public System.IO.Stream? Handle { get; set; } public int Steps { get; set; } }

            [SharedState(Name = "board")]
            public partial class Board
            {
                public int Count { get; set; }

                [SharedStateOperation]
                public int Add(Solver solver) { Count += solver.Steps; return Count; }

                [SharedStateOperation]
                public Solver Current() => new();

                [SharedStateOperation]
                public int Increment(int by) { Count += by; return Count; }
            }
            """]);
    }

    /// <summary>The docs' short examples that leave out the entry method, with one.</summary>
    [Fact]
    public void Other_declaration_errors_keep_the_class_with_its_entry_method()
    {
        AssertGeneratedCodeCompiles(["""
            public class Settings { public int X { get; init; } }

            [Process]
            [ExposeInputs(typeof(Settings))]
            public partial class NotAChild { void DefineOutline(OutlineBuilder outline) => outline.Step(Go); void Go() { } }

            [Process, ExposeInputs(typeof(B))] public partial class A { void DefineOutline(OutlineBuilder outline) => outline.Step(Go); void Go() { } }
            [Process, ExposeInputs(typeof(A), Namespace = "a")] public partial class B { void DefineOutline(OutlineBuilder outline) => outline.Step(Go); void Go() { } }

            [Process(Name = "resize")] public partial class Resize { void DefineOutline(OutlineBuilder outline) => outline.Step(Go); void Go() { } }
            [Task(Name = "resize")] public partial class ResizeImage { ValueTask RunAsync(TaskContext context) => default; }

            [Task, Retry(0, DelayMilliseconds = -100, RetryOn = new[] { typeof(string) })]
            public partial class Charge { ValueTask RunAsync(TaskContext context) => default; }

            [Process, SingleInstance("Acount"), Concurrency(0)]
            public partial class Settle
            {
                [Input] public required string Account { get; init; }
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { }
            }

            [Process]
            [ExposeInputs(typeof(ResizeImage), Include = new[] { "nothing" }, Exclude = new[] { "either" })]
            public partial class Both { void DefineOutline(OutlineBuilder outline) => outline.Step(Go); void Go() { } }
            """]);
    }

    /// <summary>The "Reported" example of a diagnostic page.</summary>
    private static string Example(string id) =>
        MarkdownSnippets.Read($"docs/diagnostics/{id}.md").Single(snippet => snippet.Reports == id).Code;

    [Fact]
    public void Every_error_page_has_a_reported_example()
    {
        Assert.True(ReportedErrorExamples().Count() >= 30);
    }

    /// <summary>Generates for the sources and fails on an error in a generated file, or a CS0311/CS0315 anywhere.</summary>
    internal static void AssertGeneratedCodeCompiles(IEnumerable<string> sources)
    {
        var all = new List<string> { string.Concat(Usings.Select(name => $"global using {name};\n")), MemoryPackSources.Attributes };
        all.AddRange(sources);
        var compilation = GeneratorHarness.CreateCompilation("DeclarationErrors", DocumentationMode.Parse, all.ToArray());
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(UseSites(compilation), GeneratorHarness.ParseOptions(), path: "UseSites.cs"));

        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, TestContext.Current.CancellationToken);
        var generated = driver.GetRunResult().GeneratedTrees.ToHashSet();
        var problems = output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Where(diagnostic => diagnostic.Id is "CS0311" or "CS0315"
                || (diagnostic.Location.SourceTree is { } tree && (generated.Contains(tree) || tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))))
            .Select(diagnostic => diagnostic + "\n    at: " + LineOf(diagnostic))
            .ToList();
        Assert.True(problems.Count == 0, "A user's mistake must be reported only in the user's file:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// A use of every partial [Process]/[Task] class where the runtime needs its generated
    /// IProcessDefinition&lt;T&gt; (as <c>runtime.RunAsync(new T())</c> does): a class the generator
    /// skipped instead of leaving out the offending member fails here with CS0311. Not a class the
    /// generator cannot implement at all: without its entry method (PRC0004/PRC0005, by the shared
    /// rule; many of the docs' short examples leave it out as <c>/* … */</c>).
    /// </summary>
    private static string UseSites(CSharpCompilation compilation)
    {
        var uses = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not { } type
                    || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                    || !type.ContainingType.IsNullOrPartialChain()
                    || type.IsGenericType || type.IsAbstract)
                {
                    continue;
                }

                var attributes = type.GetAttributes().Select(attribute => attribute.AttributeClass?.ToDisplayString()).ToList();
                var isProcess = attributes.Contains("Processes.ProcessAttribute");
                var isTask = attributes.Contains("Processes.TaskAttribute");
                if (isProcess ^ isTask && Processes.Shared.SupportRules.HasEntryMethod(type, isTask))
                {
                    uses.Add($"        Use<{type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}>();\n");
                }
            }
        }

        return "internal static class UseSites\n{\n"
            + "    private static void Use<T>() where T : class, global::Processes.IProcessDefinition<T> { }\n"
            + "    internal static void All()\n    {\n" + string.Concat(uses.Distinct()) + "    }\n}\n";
    }

    private static string LineOf(Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
        return diagnostic.Location.SourceTree?.GetText().Lines is { } lines && line < lines.Count ? lines[line].ToString().Trim() : "";
    }
}

internal static class ContainingTypes
{
    /// <summary>Whether the type is top-level or every containing type is partial (the generator can add to it).</summary>
    public static bool IsNullOrPartialChain(this INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            if (!type.DeclaringSyntaxReferences.All(reference => reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                return false;
            }
        }

        return true;
    }
}
