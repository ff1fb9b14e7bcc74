using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>
/// Issue 11: shapes the generator used to skip are supported: <c>DateTimeOffset?</c>, nullable
/// <c>[ProcessData]</c> structs, records and record structs, and get-only collections filled in
/// place. Each case generates, compiles with zero warnings, and runs a probe compiled beside the
/// generated code that writes and reads the values, pinning the bytes of the new shapes.
/// </summary>
public sealed class SupportedShapeTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Processes;
        using Processes.Serialization;

        namespace Shapes;

        [ProcessData]
        public partial struct Point
        {
            public int X { get; set; }
            public string? Name { get; set; }
        }

        [ProcessData]
        public partial record struct Reading(double Value, string Unit);

        [ProcessData]
        public partial record Label(string Text, int Weight);

        [ProcessData]
        public partial class Stamp
        {
            public DateTimeOffset? At { get; set; }
            public Point? Where { get; set; }
            public List<DateTimeOffset?>? History { get; set; }
            public Dictionary<string, Point?>? Marks { get; set; }
        }

        [ProcessData]
        public partial class Basket
        {
            public List<int> Items { get; } = new();
            public string Owner { get; set; } = "";
            public IList<string> Names { get; } = new List<string>();
            public ICollection<double> Weights { get; } = new HashSet<double>();
            public HashSet<long> Codes { get; } = new();
            public Dictionary<string, int> Counts { get; } = new();
            public IDictionary<int, Label> Labels { get; } = new Dictionary<int, Label>();
            public IReadOnlyList<int> Computed => Items;
        }

        /// <summary>The basket as it was before get-only collections were serialized: only its settable member.</summary>
        [ProcessData]
        public partial class OldBasket
        {
            public string Owner { get; set; } = "";
        }

        public static class Probe
        {
            public static byte[] Write<T>(T value) where T : IProcessData<T>
            {
                using var writer = new ProcessWriter();
                ProcessData.Write(writer, value);
                return writer.ToArray();
            }

            public static T? Read<T>(byte[] data) where T : IProcessData<T>
            {
                var reader = new ProcessReader(data);
                return ProcessData.Read<T>(ref reader);
            }

            public static string Hex(byte[] data) => string.Join(" ", data.Select(b => b.ToString("x2")));

            public static string NullableDateTimeOffset()
            {
                var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
                var present = Write(new Stamp { At = at });
                var absent = Write(new Stamp());
                var read = Read<Stamp>(present)!;
                return Hex(present) + "|" + Hex(absent) + "|" + (read.At == at && read.At.Value.Offset == at.Offset) + "|" + (Read<Stamp>(absent)!.At is null);
            }

            public static string NullableStruct()
            {
                var present = Write(new Stamp { Where = new Point { X = 7, Name = "p" } });
                var read = Read<Stamp>(present)!;
                var list = new Stamp
                {
                    History = [DateTimeOffset.UnixEpoch, null],
                    Marks = new() { ["a"] = new Point { X = 1 }, ["b"] = null },
                };
                var listRead = Read<Stamp>(Write(list))!;
                return Hex(present) + "|" + read.Where!.Value.X + read.Where.Value.Name
                    + "|" + (listRead.History![0] == DateTimeOffset.UnixEpoch) + (listRead.History[1] is null)
                    + "|" + listRead.Marks!["a"]!.Value.X + (listRead.Marks["b"] is null);
            }

            public static string Records()
            {
                var reading = Read<Reading>(Write(new Reading(1.5, "kg")));
                var label = Read<Label>(Write(new Label("x", 3)))!;
                return reading + "|" + label;
            }

            public static string GetOnlyCollections()
            {
                var basket = new Basket { Owner = "ann" };
                basket.Items.AddRange([3, 1, 2]);
                basket.Names.Add("n");
                basket.Weights.Add(0.5);
                basket.Codes.Add(9);
                basket.Counts["k"] = 4;
                basket.Labels[1] = new Label("one", 1);
                var bytes = Write(basket);
                var read = Read<Basket>(bytes)!;
                return Hex(bytes.Take(13).ToArray())
                    + "|" + string.Join(",", read.Items) + "|" + read.Owner + "|" + string.Join(",", read.Names)
                    + "|" + string.Join(",", read.Weights) + "|" + string.Join(",", read.Codes) + "|" + read.Counts["k"]
                    + "|" + read.Labels[1] + "|" + Hex(Write(read)).Equals(Hex(bytes), StringComparison.Ordinal);
            }

            public static string OldDataReadsIntoTheNewType()
            {
                var old = Read<Basket>(Write(new OldBasket { Owner = "bob" }))!;
                return old.Owner + "|" + old.Items.Count;
            }
        }
        """;

    private static readonly Lazy<Assembly> Loaded = new(() => GeneratorHarness.CompileAndLoad("Runtime.SupportedShapes", Source));

    private static string Probe(string method) =>
        (string)Loaded.Value.GetType("Shapes.Probe", throwOnError: true)!.GetMethod(method)!.Invoke(null, null)!;

    [Fact]
    public void A_nullable_DateTimeOffset_is_the_has_value_byte_padding_and_MemoryPacks_16_bytes()
    {
        var parts = Probe("NullableDateTimeOffset").Split('|');

        // Header (4 members), then At: has-value byte, 7 bytes of padding, offset minutes (int32),
        // 4 zero bytes, UTC ticks; then Where (null object), History and Marks (null collections).
        var utcTicks = BitConverter.GetBytes(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).UtcTicks);
        var at = "01 00 00 00 00 00 00 00 78 00 00 00 00 00 00 00 " + string.Join(" ", utcTicks.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("04 " + at + " ff ff ff ff ff ff ff ff ff", parts[0]);
        Assert.Equal("04 " + string.Join(" ", Enumerable.Repeat("00", 24)) + " ff ff ff ff ff ff ff ff ff", parts[1]);
        Assert.Equal("True", parts[2]);
        Assert.Equal("True", parts[3]);
    }

    [Fact]
    public void A_nullable_data_struct_is_an_object_header_of_one_then_the_struct()
    {
        var parts = Probe("NullableStruct").Split('|');

        // After At (24 zero bytes): 01 (one member), then the struct: 02 (two members), X = 7, Name = "p".
        Assert.Equal(
            "04 " + string.Join(" ", Enumerable.Repeat("00", 24)) + " 01 02 07 00 00 00 fe ff ff ff 01 00 00 00 70 ff ff ff ff ff ff ff ff",
            parts[0]);
        Assert.Equal("7p", parts[1]);
        Assert.Equal("TrueTrue", parts[2]);
        Assert.Equal("1True", parts[3]);
    }

    [Fact]
    public void Records_and_record_structs_round_trip()
    {
        Assert.Equal("Reading { Value = 1.5, Unit = kg }|Label { Text = x, Weight = 3 }", Probe("Records"));
    }

    [Fact]
    public void Get_only_collections_are_written_after_the_other_members_and_filled_in_place()
    {
        var parts = Probe("GetOnlyCollections").Split('|');

        // Seven members: Owner first (the settable member), then the get-only collections in declaration order.
        Assert.Equal("07 fc ff ff ff 03 00 00 00 61 6e 6e 03", parts[0]);
        Assert.Equal(["3,1,2", "ann", "n", "0.5", "9", "4", "Label { Text = one, Weight = 1 }", "True"], parts.Skip(1));
    }

    [Fact]
    public void Data_written_before_get_only_collections_were_serialized_still_reads()
    {
        Assert.Equal("bob|0", Probe("OldDataReadsIntoTheNewType"));
    }
}
