using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>The generated <c>ISharedState&lt;T&gt;</c> of [SharedState] classes: its snapshot, a round trip through it, and the classes the generator skips.</summary>
public sealed class SharedStateGeneratorTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Processes;

        namespace Samples.Boards;

        public enum Phase { Open, Closed }

        [ProcessData]
        public partial class Entry
        {
            public string Name { get; set; } = "";
            public int Votes { get; set; }
        }

        public partial class Outer
        {
            [SharedState(Name = "boards.poll")]
            public partial class Poll
            {
                public required string Title { get; set; }
                public Phase Phase { get; set; }
                public double? Quorum { get; set; }
                public List<Entry> Entries { get; set; } = new();
                public Dictionary<string, int> Ballots = new();
                public int Computed => Entries.Count;
                internal int NotState { get; set; }

                [SharedStateOperation]
                public int Vote(string name, int votes)
                {
                    Ballots[name] = Ballots.TryGetValue(name, out var before) ? before + votes : votes;
                    return Ballots[name];
                }

                [SharedStateOperation]
                internal void Close(Phase phase, List<Entry>? entries)
                {
                    Phase = phase;
                    Entries = entries ?? Entries;
                }

                [SharedStateOperation]
                public Entry? Leader() => Entries.Count == 0 ? null : Entries[0];
            }
        }
        """;

    [Fact]
    public void Shared_state_with_nested_data_enum_nullable_collections_and_a_required_member()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Snapshots.SharedState", DocumentationMode.Parse, Source));
        GeneratorHarness.AssertNoWarnings(output.GetDiagnostics(TestContext.Current.CancellationToken));
        Snapshots.Verify("SharedState", result);
    }

    [Fact]
    public void A_state_round_trips_through_the_generated_serializer_and_starts_from_its_initializers()
    {
        var assembly = GeneratorHarness.CompileAndLoad("SharedState.RoundTrip", Source, """
            using Processes;

            namespace Samples.Boards
            {
                public static class RoundTrip
                {
                    public static string Run()
                    {
                        var initial = Create<Outer.Poll>();
                        initial.Title = "lunch";
                        initial.Phase = Phase.Closed;
                        initial.Quorum = 0.5;
                        initial.Entries.Add(new Entry { Name = "soup", Votes = 3 });
                        initial.Ballots["ann"] = 1;
                        using var writer = new Processes.Serialization.ProcessWriter();
                        Write(writer, initial);
                        var reader = new Processes.Serialization.ProcessReader(writer.WrittenSpan);
                        var copy = Read<Outer.Poll>(ref reader);
                        return $"{Name<Outer.Poll>()}|{Create<Outer.Poll>().Title ?? "null"}|{copy.Title}|{copy.Phase}|{copy.Quorum}|{copy.Entries[0].Name}:{copy.Entries[0].Votes}|{copy.Ballots["ann"]}";
                    }

                    private static T Create<T>() where T : class, ISharedState<T> => T.CreateInitial();
                    private static string Name<T>() where T : class, ISharedState<T> => T.StateName;
                    private static void Write<T>(Processes.Serialization.ProcessWriter writer, T value) where T : class, ISharedState<T> => T.WriteState(writer, value);
                    private static T Read<T>(ref Processes.Serialization.ProcessReader reader) where T : class, ISharedState<T> => T.ReadState(ref reader);
                }
            }
            """);
        var text = (string)assembly.GetType("Samples.Boards.RoundTrip", throwOnError: true)!.GetMethod("Run")!.Invoke(null, null)!;
        Assert.Equal("boards.poll|null|lunch|Closed|0.5|soup:3|1", text);
    }

    [Theory]
    [InlineData("public int Count { get; init; }", false)]
    [InlineData("public readonly int Count = 1;", false)]
    [InlineData("public System.IO.Stream? Log { get; set; }", false)]
    [InlineData("public int Count { get; set; }", true)]
    public void A_class_the_analyzers_reject_gets_no_shared_state_code(string member, bool generated)
    {
        var source = $$"""
            using Processes;

            [SharedState]
            public partial class Skipped
            {
                {{member}}
            }
            """;
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("SharedState.Skipped", DocumentationMode.Parse, source));
        Assert.Equal(generated, result.GeneratedTrees.Any(tree => tree.FilePath.EndsWith("Skipped.SharedState.g.cs", System.StringComparison.Ordinal)));
    }
}
