using System;
using System.Collections.Generic;
using System.Linq;
using Processes.Serialization;
using Processes.Serialization.Codecs;
using Xunit;

namespace Processes.Tests.Serialization;

/// <summary>
/// The reader and writer helpers generated serializers call (section members, codecs for
/// collections, dictionaries and nullable values): the same bytes as the primitives written one
/// by one, and malformed data raising <see cref="ProcessSerializationException"/> with the member path.
/// </summary>
public sealed class GeneratedCodeHelperTests
{
    [Fact]
    public void A_member_written_in_one_call_has_the_bytes_of_name_length_and_value()
    {
        using var expected = new ProcessWriter();
        expected.WriteMemberName("rounds");
        var mark = expected.BeginLengthPrefixed();
        expected.WriteInt32(7);
        expected.EndLengthPrefixed(mark);
        expected.WriteMemberName("label");
        mark = expected.BeginLengthPrefixed();
        expected.WriteString("héllo");
        expected.EndLengthPrefixed(mark);
        expected.WriteMemberName("when");
        mark = expected.BeginLengthPrefixed();
        expected.WriteDateTimeOffset(new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.FromHours(2)));
        expected.EndLengthPrefixed(mark);
        expected.WriteMemberName("price");
        mark = expected.BeginLengthPrefixed();
        expected.WriteDecimal(12.5m);
        expected.EndLengthPrefixed(mark);

        using var actual = new ProcessWriter();
        actual.WriteMember("rounds", 7);
        actual.WriteMember("label", "héllo");
        actual.WriteMember("when", new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.FromHours(2)));
        actual.WriteMember("price", 12.5m);

        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Fact]
    public void Collections_written_through_codecs_have_the_bytes_of_a_count_and_each_element()
    {
        using var expected = new ProcessWriter();
        expected.WriteCollectionHeader(2);
        expected.WriteString("a");
        expected.WriteDouble(1.5);
        expected.WriteString("b");
        expected.WriteDouble(2.5);
        expected.WriteNullCollectionHeader();
        expected.WriteCollectionHeader(3);
        expected.WriteInt32(1);
        expected.WriteInt32(2);
        expected.WriteInt32(3);
        expected.WriteNullableHeader(true, 8);
        expected.WriteDecimal(3m);
        expected.WriteNullableHeader(false, 4);
        expected.WriteZeros(4);

        using var actual = new ProcessWriter();
        actual.WriteDictionary<string, double, StringCodec, DoubleCodec>(new Dictionary<string, double> { ["a"] = 1.5, ["b"] = 2.5 });
        actual.WriteCollection<int, Int32Codec>((List<int>?)null);
        actual.WriteCollection<int, Int32Codec>(Iterate(1, 2, 3)); // no count: copied first
        actual.WriteNullable<decimal, DecimalCodec>(3m);
        actual.WriteNullable<int, Int32Codec>(null);

        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Fact]
    public void Lists_and_arrays_of_raw_values_copied_as_one_block_have_the_bytes_of_each_element_written_alone()
    {
        var doubles = Enumerable.Range(0, 1000).Select(index => Math.Sin(index) * 1e6).ToList();
        var shorts = new short[] { short.MinValue, -1, 0, 1, short.MaxValue };
        var days = new List<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Sunday, (DayOfWeek)77 };
        using var expected = new ProcessWriter();
        expected.WriteCollectionHeader(doubles.Count);
        doubles.ForEach(expected.WriteDouble);
        expected.WriteCollectionHeader(shorts.Length);
        Array.ForEach(shorts, expected.WriteInt16);
        expected.WriteCollectionHeader(days.Count);
        days.ForEach(day => expected.WriteInt32((int)day));
        expected.WriteCollectionHeader(0);

        using var actual = new ProcessWriter(16);
        actual.WriteCollection<double, DoubleCodec>(doubles);
        actual.WriteCollection<short, Int16Codec>(shorts);
        actual.WriteCollection<DayOfWeek, EnumCodec<DayOfWeek, int, Int32Codec>>(days);
        actual.WriteCollection<char, CharCodec>(new List<char>());
        Assert.Equal(expected.ToArray(), actual.ToArray());

        var reader = new ProcessReader(actual.WrittenSpan);
        Assert.Equal(doubles, reader.ReadList<double, DoubleCodec>());
        Assert.Equal(shorts, reader.ReadArray<short, Int16Codec>());
        Assert.Equal(days, reader.ReadList<DayOfWeek, EnumCodec<DayOfWeek, int, Int32Codec>>());
        Assert.Empty(reader.ReadList<char, CharCodec>()!);
        reader.EnsureAtEnd();
    }

    [Fact]
    public void A_raw_list_read_in_one_block_is_a_list_like_any_other()
    {
        // Its array is allocated without zeroing and filled by one copy: every element must be
        // the written one, and the list must count, grow and clear as a list made by new does.
        var doubles = Enumerable.Range(0, 1_000).Select(index => index * 0.5 - 7).ToList();
        using var writer = new ProcessWriter();
        writer.WriteCollection<double, DoubleCodec>(doubles);
        writer.WriteCollection<int, Int32Codec>(new List<int>());

        var reader = new ProcessReader(writer.WrittenSpan);
        var read = reader.ReadList<double, DoubleCodec>()!;
        var empty = reader.ReadList<int, Int32Codec>()!;
        reader.EnsureAtEnd();

        Assert.Equal(doubles, read);
        Assert.Equal(doubles.Count, read.Count);
        Assert.Equal(doubles.Count, read.Capacity);
        read.Add(42);
        Assert.Equal(1_001, read.Count);
        Assert.Equal(42, read[^1]);
        Assert.Equal(doubles, read.Take(1_000));
        read.RemoveAt(0);
        Assert.Equal(-6.5, read[0]);
        Assert.Empty(empty);
        empty.Add(3);
        Assert.Equal([3], empty);
    }

    [Fact]
    public void A_block_of_raw_values_longer_than_the_data_fails_before_allocating()
    {
        using var writer = new ProcessWriter();
        writer.WriteCollection<long, Int64Codec>(new List<long> { 1, 2, 3 });
        var truncated = writer.WrittenSpan[..^1].ToArray();

        var exception = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(truncated);
            reader.ReadList<long, Int64Codec>();
        });
        Assert.Contains("exceeds", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_collections_round_trip_through_codecs()
    {
        var value = new List<Dictionary<string, int?>?> { new() { ["x"] = 1, ["y"] = null }, null };
        using var writer = new ProcessWriter();
        writer.WriteCollection<Dictionary<string, int?>?, DictionaryCodec<string, int?, StringCodec, NullableCodec<int, Int32Codec>>>(value);

        var reader = new ProcessReader(writer.WrittenSpan);
        var read = reader.ReadList<Dictionary<string, int?>?, DictionaryCodec<string, int?, StringCodec, NullableCodec<int, Int32Codec>>>();
        reader.EnsureAtEnd();

        Assert.NotNull(read);
        Assert.Equal(2, read.Count);
        Assert.Equal(value[0], read[0]);
        Assert.Null(read[1]);
    }

    [Fact]
    public void Collections_declared_as_interfaces_round_trip_through_codecs()
    {
        IReadOnlyList<IReadOnlyDictionary<string, long>> value = new List<IReadOnlyDictionary<string, long>>
        {
            new Dictionary<string, long> { ["a"] = 1 },
            new SortedDictionary<string, long> { ["b"] = 2, ["c"] = 3 },
        };
        using var writer = new ProcessWriter();
        writer.WriteCollectionMember<IReadOnlyDictionary<string, long>, MapCodec<IReadOnlyDictionary<string, long>, string, long, StringCodec, Int64Codec>>("maps", value);
        writer.WriteCollectionMember<int[], UnmanagedArrayCodec<int>>("arrays", new[] { new[] { 1, 2 }, null! });
        writer.WriteCollectionMember<IEnumerable<string>, SequenceCodec<IEnumerable<string>, string, StringCodec>>("sequences", new HashSet<IEnumerable<string>> { Iterate(1).Select(number => number.ToString(System.Globalization.CultureInfo.InvariantCulture)) });

        var reader = new ProcessReader(writer.WrittenSpan);
        var maps = reader.ReadSectionMember("data", out _).ReadList<IReadOnlyDictionary<string, long>, MapCodec<IReadOnlyDictionary<string, long>, string, long, StringCodec, Int64Codec>>();
        var arrays = reader.ReadSectionMember("data", out _).ReadArray<int[], UnmanagedArrayCodec<int>>();
        var sequences = reader.ReadSectionMember("data", out _).ReadHashSet<IEnumerable<string>, SequenceCodec<IEnumerable<string>, string, StringCodec>>();

        Assert.Equal(new long[] { 1 }, maps![0].Values);
        Assert.Equal(new long[] { 2, 3 }, maps[1].Values);
        Assert.Equal(new[] { 1, 2 }, arrays![0]);
        Assert.Null(arrays[1]);
        Assert.Equal(new[] { "1" }, Assert.Single(sequences!));
    }

    [Fact]
    public void A_collection_count_larger_than_the_data_is_rejected_before_allocating()
    {
        using var writer = new ProcessWriter();
        writer.WriteCollectionHeader(3); // three doubles need 24 bytes
        writer.WriteDouble(1);
        var bytes = writer.ToArray();

        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            reader.ReadList<double, DoubleCodec>();
        });

        Assert.Equal("A length of 3 at offset 0 exceeds the 8 byte(s) that remain.", error.Reason);
    }

    [Fact]
    public void A_repeated_or_null_dictionary_key_is_an_error()
    {
        using var repeated = new ProcessWriter();
        repeated.WriteCollectionHeader(2);
        repeated.WriteString("k");
        repeated.WriteInt32(1);
        repeated.WriteString("k");
        repeated.WriteInt32(2);
        using var nullKey = new ProcessWriter();
        nullKey.WriteCollectionHeader(1);
        nullKey.WriteString(null);
        nullKey.WriteInt32(1);

        var repeatedError = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(repeated.WrittenSpan);
            reader.ReadDictionary<string, int, StringCodec, Int32Codec>();
        });
        var nullError = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(nullKey.WrittenSpan);
            reader.ReadDictionary<string, int, StringCodec, Int32Codec>();
        });

        Assert.Equal("A dictionary key appears twice.", repeatedError.Reason);
        Assert.Equal("A dictionary key is null.", nullError.Reason);
    }

    [Fact]
    public void A_malformed_member_of_a_section_fails_with_its_member_path()
    {
        using var writer = new ProcessWriter();
        writer.WriteSectionHeader(2);
        writer.WriteMember("_round", 3);
        writer.WriteMemberName("_values");
        var mark = writer.BeginLengthPrefixed();
        writer.WriteCollectionHeader(2);
        writer.WriteDouble(1);
        writer.WriteInt32(0); // half a double
        writer.EndLengthPrefixed(mark);
        var bytes = writer.ToArray();

        var target = new StateHolder();
        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            reader.ReadSection("state", target, StateHolder.ReadMember);
        });

        Assert.Equal("state._values", error.MemberPath);
        Assert.Equal(3, target.Round);
    }

    [Fact]
    public void Unknown_members_are_skipped_and_a_member_with_extra_bytes_is_an_error()
    {
        using var writer = new ProcessWriter();
        writer.WriteSectionHeader(2);
        writer.WriteMember("added_later", "ignored");
        writer.WriteMemberName("_round");
        var mark = writer.BeginLengthPrefixed();
        writer.WriteInt32(4);
        writer.WriteByte(0); // one byte too many
        writer.EndLengthPrefixed(mark);
        var bytes = writer.ToArray();

        var target = new StateHolder();
        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            reader.ReadSection("state", target, StateHolder.ReadMember);
        });

        Assert.Equal("state._round", error.MemberPath);
        Assert.StartsWith("1 unexpected byte(s)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_member_length_fails_with_its_member_path()
    {
        using var writer = new ProcessWriter();
        writer.WriteSectionHeader(1);
        writer.WriteMemberName("label");
        writer.WriteInt32(100); // claims more bytes than remain
        var bytes = writer.ToArray();

        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            reader.ReadSectionHeader();
            reader.ReadSectionMember("inputs", out _);
        });

        Assert.Equal("inputs.label", error.MemberPath);
    }

    private static IEnumerable<int> Iterate(params int[] values)
    {
        foreach (var value in values)
        {
            yield return value;
        }
    }

    private sealed class StateHolder
    {
        public int Round { get; private set; }

        public List<double>? Values { get; private set; }

        public static bool ReadMember(StateHolder target, string name, ref ProcessReader member)
        {
            switch (name)
            {
                case "_round": target.Round = member.ReadInt32(); return true;
                case "_values": target.Values = member.ReadList<double, DoubleCodec>(); return true;
                default: return false;
            }
        }
    }
}
