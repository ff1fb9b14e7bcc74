using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>
/// Issue 11: the generator never throws and never writes code that fails to compile. Declarations of
/// many shapes (valid or not) are generated from fixed seeds; for each compilation the generator
/// must not throw, and no error may be located in a generated file (a user's mistake is reported
/// in the user's file, by the compiler or a PRC diagnostic).
/// </summary>
public sealed class RandomDeclarationTests
{
    private static readonly string[] PortTypes =
    {
        "int", "int?", "long", "double?", "decimal", "bool", "string", "string?", "char", "byte",
        "System.DateTime", "System.DateTime?", "System.DateTimeOffset", "System.DateTimeOffset?", "System.Guid", "System.Guid?",
        "System.TimeSpan", "System.TimeSpan?", "ProcessId", "ProcessId?", "Color", "Color?",
        "byte[]", "int[]", "string[]", "int[,]", "Color[]", "Item[]",
        "List<int>", "List<string?>", "IList<int>", "IReadOnlyList<string>", "ICollection<long>", "IReadOnlyCollection<string>",
        "IEnumerable<int>", "HashSet<string>", "List<Item>", "List<Point>", "List<Point?>", "List<int?>",
        "Dictionary<string, int>", "Dictionary<string, Item>", "Dictionary<int, string>", "Dictionary<string?, int>",
        "IDictionary<string, string>", "IReadOnlyDictionary<string, double>", "Dictionary<string, Inner>", "Dictionary<Color, List<int>>",
        "Item", "Item?", "Point", "Point?", "Inner", "Inner?", "Shape", "Pair",
        "object", "System.IO.Stream", "System.Uri", "System.Tuple<int, int>", "(int, int)", "List<List<int>>",
        "System.Collections.Immutable.ImmutableArray<int>",
    };

    private static readonly string[] Validations =
    {
        "", "", "", "[Range(1, 10)]", "[MinLength(1)]", "[MaxLength(3)]", "[StringLength(5)]", "[Required]",
        "[EmailAddress]", "[Phone]", "[Url]", "[RegularExpression(\"^a+$\")]", "[CreditCard]", "[Range(10, 1)]",
        "[AllowedValues(1, 2)]", "[Length(1, 2)]", "[Validator(\"Check\")]",
    };

    private static readonly string[] Accessors =
    {
        "{ get; init; }", "{ get; set; }", "{ get; private set; }", "{ get; }", "{ get; internal set; }",
    };

    private static readonly string[] ClassHeads =
    {
        "public partial class", "public partial class", "public partial class", "public partial class", "public partial class", "public sealed partial class",
        "internal partial class", "public class", "public partial record", "public abstract partial class",
        "public static partial class", "public partial struct",
    };

    private static readonly string[] Attributes =
    {
        "[Process]", "[Process]", "[Process]", "[Task]", "[Task]", "[Task]", "[Process, Task]", "[Process(Name = \"same\")]", "[Task(Name = \"same\")]",
        "[ProcessData]", "[PortNamespace]", "[ProcessData, PortNamespace]", "[Process, ProcessData]",
    };

    private const string Shared = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Threading.Tasks;
        using Processes;

        public enum Color { Red, Green }

        [ProcessData]
        public partial class Item
        {
            public int Id { get; set; }
            public string? Name { get; set; }
            public List<string> Tags { get; set; } = new();
        }

        [ProcessData]
        public partial struct Point
        {
            public int X;
            public int Y { get; set; }
        }

        [PortNamespace]
        public partial class Inner
        {
            [Range(0, 5)] public int Level { get; set; }
            public string? Note { get; set; }
        }

        [ProcessData]
        public partial record Shape(int Sides, string Name);

        public partial class Pair
        {
            public int Left { get; set; }
        }

        public class Base { }
        """;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Any_declaration_yields_code_or_a_diagnostic_never_a_crash_or_an_error_in_generated_code(int seed) => RunSeed(seed);

    [Fact]
    public void The_random_declarations_do_reach_the_emitter()
    {
        // Guards the fuzz test itself: enough of its declarations are valid for the generator to emit processes and tasks.
        var emitted = Enumerable.Range(1, 60).Sum(RunSeed);
        Assert.True(emitted >= 20, $"Only {emitted} process or task files were generated over 60 seeds.");
    }

    private static int RunSeed(int seed)
    {
        var random = new Random(seed);
        var source = new StringBuilder();
        source.AppendLine("using System.Collections.Generic;");
        source.AppendLine("using System.ComponentModel.DataAnnotations;");
        source.AppendLine("using System.Threading.Tasks;");
        source.AppendLine("using Processes;");
        source.AppendLine("namespace Fuzz" + seed.ToString(CultureInfo.InvariantCulture) + ";");
        var typeCount = random.Next(1, 5);
        for (var index = 0; index < typeCount; index++)
        {
            AppendType(source, random, "T" + index.ToString(CultureInfo.InvariantCulture));
        }

        var text = source.ToString();
        var compilation = GeneratorHarness.CreateCompilation("Fuzz" + seed.ToString(CultureInfo.InvariantCulture), DocumentationMode.Parse, Shared, text);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, TestContext.Current.CancellationToken);
        var result = driver.GetRunResult();

        Assert.All(result.Results, generator => Assert.True(generator.Exception is null, $"The generator threw {generator.Exception}\n{text}"));
        Assert.DoesNotContain(generatorDiagnostics, diagnostic => diagnostic.Id is "CS8784" or "CS8785" or "PRC0029");

        var generatedTrees = result.GeneratedTrees.ToHashSet();
        var errorsInGenerated = output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error
                && (diagnostic.Id is "CS0311" or "CS0315" || (diagnostic.Location.SourceTree is { } tree && generatedTrees.Contains(tree))))
            .Select(diagnostic => diagnostic.ToString())
            .ToList();
        Assert.True(errorsInGenerated.Count == 0, "Errors inside generated files:\n" + string.Join("\n", errorsInGenerated) + "\n\nSource:\n" + text);
        if (Environment.GetEnvironmentVariable("FUZZ_DEBUG") == "1")
        {
            Console.Error.WriteLine("FUZZ " + seed + ": " + string.Join(", ", result.GeneratedTrees.Select(tree => tree.FilePath)) + "\n" + text);
        }

        return result.GeneratedTrees.Count(tree => tree.FilePath.EndsWith(".Process.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_class_marked_both_process_and_task_does_not_crash_the_generator_or_lose_other_code()
    {
        const string source = """
            using System.Threading.Tasks;
            using Processes;

            [Process, Task]
            public partial class Both
            {
                void DefineOutline(OutlineBuilder outline) => outline.Step(Go);
                void Go() { }
                ValueTask RunAsync(TaskContext context) => default;
            }

            [Task]
            public partial class Other
            {
                [Input] public int Value { get; init; }
                ValueTask RunAsync(TaskContext context) => default;
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation("Both", DocumentationMode.Parse, source);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics, TestContext.Current.CancellationToken);
        var result = driver.GetRunResult();
        Assert.Empty(diagnostics);
        Assert.All(result.Results, generator => Assert.Null(generator.Exception));
        Assert.Contains(result.GeneratedTrees, tree => tree.FilePath.EndsWith("Other.Process.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratedTrees, tree => tree.FilePath.Contains("Both.", StringComparison.Ordinal));
    }

    private static void AppendType(StringBuilder source, Random random, string name)
    {
        var attribute = Pick(random, Attributes);
        var head = Pick(random, ClassHeads);
        var baseList = random.Next(6) == 0 ? " : Base" : string.Empty;
        source.AppendLine(attribute);

        // Exposing an earlier type: its ports often clash with this type's Member0, Member1 (PRC0025), or it is no process at all.
        if (name != "T0" && random.Next(3) == 0)
        {
            source.AppendLine(random.Next(4) switch
            {
                0 => "[ExposeInputs(typeof(T0))]",
                1 => "[ExposeOutputs(typeof(T0))]",
                2 => "[ExposeInputs(typeof(T0))][ExposeInputs(typeof(T0))]",
                _ => "[ExposeInputs(typeof(T0), Namespace = \"member0\")]",
            });
        }

        source.AppendLine($"{head} {name}{baseList}");
        source.AppendLine("{");
        var memberCount = random.Next(0, 5);
        for (var index = 0; index < memberCount; index++)
        {
            // Half the members are plain valid ports, so that many types reach the emitter.
            if (random.Next(4) != 0)
            {
                var plain = Pick(random, PortTypes.Take(45).ToArray());
                source.AppendLine(random.Next(2) == 0
                    ? $"    [Input] public {plain} Member{index} {{ get; init; }} = default!;"
                    : $"    [Output] public {plain} Member{index} {{ get; private set; }} = default!;");
                continue;
            }

            var type = Pick(random, PortTypes);
            // Named ports collide with each other and with the default names of Member0/Member1 (PRC0010).
            var port = random.Next(8) switch
            {
                0 => "[Input]",
                1 => "[Output]",
                2 => "[Input(Name = \"p\")]",
                3 => "[Input, Output]",
                4 => "[Output(Name = \"p\")]",
                5 => "[Input(Name = \"member0\")]",
                6 => "[Output(Name = \"member1\")]",
                _ => string.Empty,
            };
            var validation = Pick(random, Validations);
            var isStatic = random.Next(12) == 0 ? "static " : string.Empty;
            var accessors = Pick(random, Accessors);
            var initializer = type is "int" or "string" && random.Next(3) == 0 ? (type == "int" ? " = 3;" : " = \"x\";") : string.Empty;
            if (random.Next(4) == 0)
            {
                source.AppendLine($"    {(random.Next(3) == 0 ? "[Transient] " : string.Empty)}{isStatic}{type} _field{index};");
            }
            else
            {
                source.AppendLine($"    {port}{validation} public {isStatic}{type} Member{index} {accessors}{initializer}");
            }
        }

        if (random.Next(4) == 0)
        {
            source.AppendLine("    static bool Check(int value) => value > 0;");
        }

        // Most types get the entry method their attribute needs; the rest get none, the other one, or both.
        var entry = random.Next(10) < 7 ? (attribute.StartsWith("[Task", StringComparison.Ordinal) ? 1 : 0) : random.Next(6);
        switch (entry)
        {
            case 0:
                source.AppendLine("    void DefineOutline(OutlineBuilder outline) => outline.Step(Go);");
                source.AppendLine("    void Go() { }");
                break;
            case 1:
                source.AppendLine("    ValueTask RunAsync(TaskContext context) => default;");
                break;
            case 2:
                source.AppendLine("    void DefineOutline(OutlineBuilder outline) { outline.Step(Go); outline.Step(async context => await Task.Yield()); }");
                source.AppendLine("    void Go(StepContext context) { }");
                break;
            case 3:
                source.AppendLine("    void DefineOutline(OutlineBuilder outline) => outline.Step(Go);");
                source.AppendLine("    void Go() { }");
                source.AppendLine("    ValueTask RunAsync(TaskContext context) => default;");
                break;
            default:
                break;
        }

        source.AppendLine("}");
    }

    private static string Pick(Random random, IReadOnlyList<string> values) => values[random.Next(values.Count)];
}
