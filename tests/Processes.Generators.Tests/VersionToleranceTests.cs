using System.Collections.Generic;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>Data written by one version of a class and read by another (PRODUCT §5).</summary>
public sealed class VersionToleranceTests
{
    private const string Version1 = """
        using Processes;
        namespace Versioned;

        [Task]
        public partial class Job
        {
            [Input] public int A { get; init; }
            [Input] public string B { get; init; } = "b-default";
            [Output] public int Result { get; private set; }
            private int _counter;
            private System.Threading.Tasks.ValueTask RunAsync(TaskContext context) { _counter++; Result = A; return default; }
        }

        [ProcessData]
        public partial class Point
        {
            public int X { get; set; }
            public string? Name { get; set; }
        }
        """;

    private const string Version2 = """
        using Processes;
        namespace Versioned;

        [Task]
        public partial class Job
        {
            [Input] public int A { get; init; }
            [Input] public int C { get; init; } = 7;
            [Output] public int Result { get; private set; }
            private long _total = 3;
            private System.Threading.Tasks.ValueTask RunAsync(TaskContext context) { _total++; Result = A + C; return default; }
        }

        [ProcessData]
        public partial class Point
        {
            public int X { get; set; }
            public string? Name { get; set; }
            public double Weight { get; set; } = 0.5;
        }
        """;

    // Each loaded variant registers globally, so each gets its own registered name.
    private static string Named(string source, string name) => source.Replace("[Task]", $"[Task(Name = \"{name}\")]", System.StringComparison.Ordinal);

    [Fact]
    public void Sections_skip_unknown_members_and_keep_defaults_for_missing_ones()
    {
        var old = new Loaded(GeneratorHarness.CompileAndLoad("Versioned.V1", Named(Version1, "Versioned.V1")));
        var current = new Loaded(GeneratorHarness.CompileAndLoad("Versioned.V2", Named(Version2, "Versioned.V2")));
        var oldDescriptor = old.Descriptor("Versioned.Job");
        var currentDescriptor = current.Descriptor("Versioned.Job");

        var oldJob = old.Create("Versioned.Job", new Dictionary<string, object?> { ["a"] = 5, ["b"] = "written" });
        Loaded.Set(oldJob, "_counter", 9);
        var upgraded = Loaded.ReadInputs(currentDescriptor, current.Type("Versioned.Job"), Loaded.Write(oldDescriptor, oldJob, "inputs"));
        Loaded.Read(currentDescriptor, upgraded, "state", Loaded.Write(oldDescriptor, oldJob, "state"));
        Assert.Equal((5, 7, 3L), (Loaded.Get<int>(upgraded, "A"), Loaded.Get<int>(upgraded, "C"), Loaded.Get<long>(upgraded, "_total")));

        var newJob = current.Create("Versioned.Job", new Dictionary<string, object?> { ["a"] = 6, ["c"] = 8 });
        var downgraded = Loaded.ReadInputs(oldDescriptor, old.Type("Versioned.Job"), Loaded.Write(currentDescriptor, newJob, "inputs"));
        Assert.Equal((6, "b-default"), (Loaded.Get<int>(downgraded, "A"), Loaded.Get<string>(downgraded, "B")));
    }

    [Fact]
    public void Data_objects_fill_appended_members_with_defaults_and_reject_newer_data()
    {
        var old = new Loaded(GeneratorHarness.CompileAndLoad("Versioned.Data1", Named(Version1, "Versioned.Data1")));
        var current = new Loaded(GeneratorHarness.CompileAndLoad("Versioned.Data2", Named(Version2, "Versioned.Data2")));

        var oldPoint = System.Activator.CreateInstance(old.Type("Versioned.Point"))!;
        Loaded.Set(oldPoint, "X", 3);
        Loaded.Set(oldPoint, "Name", "p");
        var upgraded = Loaded.ReadData(current.Type("Versioned.Point"), Loaded.WriteData(oldPoint))!;
        Assert.Equal((3, "p", 0.5), (Loaded.Get<int>(upgraded, "X"), Loaded.Get<string>(upgraded, "Name"), Loaded.Get<double>(upgraded, "Weight")));

        var exception = Assert.Throws<ProcessSerializationException>(() => Loaded.ReadData(old.Type("Versioned.Point"), Loaded.WriteData(upgraded)));
        Assert.Contains("written by a newer version", exception.Message, System.StringComparison.Ordinal);
    }
}
