using System;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Serialization;

/// <summary>Every value the writer can write reads back equal, including the extremes of each type.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Integers_round_trip_at_their_extremes()
    {
        using var writer = new ProcessWriter(initialCapacity: 1);
        writer.WriteByte(byte.MinValue); writer.WriteByte(byte.MaxValue);
        writer.WriteSByte(sbyte.MinValue); writer.WriteSByte(sbyte.MaxValue);
        writer.WriteInt16(short.MinValue); writer.WriteInt16(short.MaxValue);
        writer.WriteUInt16(ushort.MinValue); writer.WriteUInt16(ushort.MaxValue);
        writer.WriteInt32(int.MinValue); writer.WriteInt32(int.MaxValue);
        writer.WriteUInt32(uint.MinValue); writer.WriteUInt32(uint.MaxValue);
        writer.WriteInt64(long.MinValue); writer.WriteInt64(long.MaxValue);
        writer.WriteUInt64(ulong.MinValue); writer.WriteUInt64(ulong.MaxValue);
        writer.WriteChar(char.MinValue); writer.WriteChar(char.MaxValue); writer.WriteChar('\uD800');

        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(byte.MinValue, reader.ReadByte()); Assert.Equal(byte.MaxValue, reader.ReadByte());
        Assert.Equal(sbyte.MinValue, reader.ReadSByte()); Assert.Equal(sbyte.MaxValue, reader.ReadSByte());
        Assert.Equal(short.MinValue, reader.ReadInt16()); Assert.Equal(short.MaxValue, reader.ReadInt16());
        Assert.Equal(ushort.MinValue, reader.ReadUInt16()); Assert.Equal(ushort.MaxValue, reader.ReadUInt16());
        Assert.Equal(int.MinValue, reader.ReadInt32()); Assert.Equal(int.MaxValue, reader.ReadInt32());
        Assert.Equal(uint.MinValue, reader.ReadUInt32()); Assert.Equal(uint.MaxValue, reader.ReadUInt32());
        Assert.Equal(long.MinValue, reader.ReadInt64()); Assert.Equal(long.MaxValue, reader.ReadInt64());
        Assert.Equal(ulong.MinValue, reader.ReadUInt64()); Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.Equal(char.MinValue, reader.ReadChar()); Assert.Equal(char.MaxValue, reader.ReadChar()); Assert.Equal('\uD800', reader.ReadChar());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Booleans_round_trip()
    {
        using var writer = new ProcessWriter();
        writer.WriteBoolean(false);
        writer.WriteBoolean(true);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.False(reader.ReadBoolean());
        Assert.True(reader.ReadBoolean());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-300)]
    [InlineData(double.MinValue)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Doubles_and_singles_round_trip_bit_for_bit(double value)
    {
        using var writer = new ProcessWriter();
        writer.WriteDouble(value);
        writer.WriteSingle((float)value);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(reader.ReadDouble()));
        Assert.Equal(BitConverter.SingleToInt32Bits((float)value), BitConverter.SingleToInt32Bits(reader.ReadSingle()));
    }

    [Fact]
    public void Negative_zero_keeps_its_sign()
    {
        using var writer = new ProcessWriter();
        writer.WriteDouble(-0.0);
        writer.WriteSingle(-0.0f);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.True(double.IsNegative(reader.ReadDouble()));
        Assert.True(float.IsNegative(reader.ReadSingle()));
    }

    [Fact]
    public void Decimals_round_trip_with_scale_and_sign()
    {
        decimal[] values = { 0m, -0.0m, 1.5m, -1.5m, decimal.MinValue, decimal.MaxValue, 0.0000000000000000000000000001m, 1.000m, 79228162514264337593543950335m };
        using var writer = new ProcessWriter();
        foreach (var value in values)
        {
            writer.WriteDecimal(value);
        }

        var reader = new ProcessReader(writer.WrittenSpan);
        foreach (var value in values)
        {
            var read = reader.ReadDecimal();
            Assert.Equal(value, read);

            // Equal decimals can differ in scale (1.000 vs 1); the bits must survive too.
            Assert.Equal(decimal.GetBits(value), decimal.GetBits(read));
        }
    }

    [Fact]
    public void Dates_times_and_spans_round_trip()
    {
        DateTime[] dates =
        {
            DateTime.MinValue, DateTime.MaxValue, new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc),
            new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Local), new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified),
        };
        DateTimeOffset[] offsets =
        {
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(14)),
            new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromMinutes(-(13 * 60) - 45)), new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        TimeSpan[] spans = { TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(-1) };

        using var writer = new ProcessWriter();
        Array.ForEach(dates, writer.WriteDateTime);
        Array.ForEach(offsets, writer.WriteDateTimeOffset);
        Array.ForEach(spans, writer.WriteTimeSpan);

        var reader = new ProcessReader(writer.WrittenSpan);
        foreach (var date in dates)
        {
            var read = reader.ReadDateTime();
            Assert.Equal(date.Ticks, read.Ticks);
            Assert.Equal(date.Kind, read.Kind);
        }

        foreach (var offset in offsets)
        {
            var read = reader.ReadDateTimeOffset();

            // DateTimeOffset equality ignores the offset; both parts must survive.
            Assert.Equal(offset.Ticks, read.Ticks);
            Assert.Equal(offset.Offset, read.Offset);
        }

        foreach (var span in spans)
        {
            Assert.Equal(span, reader.ReadTimeSpan());
        }

        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Guids_round_trip()
    {
        Guid[] values = { Guid.Empty, Guid.NewGuid(), Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff") };
        using var writer = new ProcessWriter();
        Array.ForEach(values, writer.WriteGuid);
        var reader = new ProcessReader(writer.WrittenSpan);
        foreach (var value in values)
        {
            Assert.Equal(value, reader.ReadGuid());
        }
    }

    [Theory]
    [InlineData("a")]
    [InlineData("hello, world")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji \U0001F600 pair")]
    [InlineData("\0 nul inside")]
    public void Strings_round_trip(string value)
    {
        using var writer = new ProcessWriter(initialCapacity: 1);
        writer.WriteString(value);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Long_strings_grow_the_buffer_and_round_trip()
    {
        var value = new string('é', 100_000);
        using var writer = new ProcessWriter(initialCapacity: 16);
        writer.WriteString(value);
        Assert.Equal(8 + 200_000, writer.Length);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadString());
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("日本")]
    [InlineData("emoji \U0001F600")]
    [InlineData("lone \uD800 surrogate")]
    public void Utf16_form_strings_are_accepted(string value)
    {
        // MemoryPack's UTF-16 mode: the char count, then the chars little-endian.
        using var writer = new ProcessWriter();
        writer.WriteInt32(value.Length);
        foreach (var character in value)
        {
            writer.WriteChar(character);
        }

        writer.WriteInt32(99);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadString());
        Assert.Equal(99, reader.ReadInt32());
    }

    [Fact]
    public void Unmanaged_arrays_of_other_types_round_trip()
    {
        using var writer = new ProcessWriter();
        writer.WriteUnmanagedArray(new[] { double.MinValue, 0.5, double.MaxValue });
        writer.WriteUnmanagedArray(new long[] { long.MinValue, long.MaxValue });
        writer.WriteUnmanagedSpan<short>(new short[] { -1, 2 });
        writer.WriteBytes(Array.Empty<byte>());
        writer.WriteBytes(null);
        writer.WriteRaw(new byte[] { 9, 8 });

        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(new[] { double.MinValue, 0.5, double.MaxValue }, reader.ReadUnmanagedArray<double>());
        Assert.Equal(new long[] { long.MinValue, long.MaxValue }, reader.ReadUnmanagedArray<long>());
        Assert.Equal(new short[] { -1, 2 }, reader.ReadUnmanagedArray<short>());
        Assert.Equal(Array.Empty<byte>(), reader.ReadBytes());
        Assert.Null(reader.ReadBytes());
        Assert.Equal(new byte[] { 9, 8 }, reader.ReadRaw(2).ToArray());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Length_prefixed_values_give_sub_readers_over_exactly_their_bytes()
    {
        using var writer = new ProcessWriter();
        writer.WriteByte(0xAA);
        var outer = writer.BeginLengthPrefixed();
        writer.WriteInt32(7);
        var inner = writer.BeginLengthPrefixed();
        writer.WriteString("nested");
        writer.EndLengthPrefixed(inner);
        writer.EndLengthPrefixed(outer);
        var empty = writer.BeginLengthPrefixed();
        writer.EndLengthPrefixed(empty);
        writer.WriteByte(0xBB);

        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(0xAA, reader.ReadByte());
        var outerReader = reader.ReadLengthPrefixed();
        Assert.Equal(4 + 4 + 14, outerReader.Remaining);
        Assert.Equal(5, outerReader.Offset);
        Assert.Equal(7, outerReader.ReadInt32());
        var innerReader = outerReader.ReadLengthPrefixed();
        Assert.Equal(13, innerReader.Offset);
        Assert.Equal("nested", innerReader.ReadString());
        innerReader.EnsureAtEnd();
        outerReader.EnsureAtEnd();
        var emptyReader = reader.ReadLengthPrefixed();
        Assert.True(emptyReader.IsAtEnd);
        Assert.Equal(0xBB, reader.ReadByte());
        reader.EnsureAtEnd();
    }

    [Fact]
    public void A_sub_reader_cannot_read_past_its_value_and_reports_absolute_offsets()
    {
        using var writer = new ProcessWriter();
        writer.WriteInt32(1);
        var mark = writer.BeginLengthPrefixed();
        writer.WriteInt16(5);
        writer.EndLengthPrefixed(mark);
        writer.WriteInt32(123);
        var bytes = writer.ToArray();

        var error = Assert.Throws<ProcessSerializationException>(() =>
        {
            var reader = new ProcessReader(bytes);
            reader.ReadInt32();
            var member = reader.ReadLengthPrefixed();
            member.ReadInt32();
        });
        Assert.Equal(8, error.Offset);
    }

    [Fact]
    public void Unread_bytes_in_a_sub_reader_fail_EnsureAtEnd_and_unknown_members_are_skipped()
    {
        using var writer = new ProcessWriter();
        writer.WriteSectionHeader(3);
        writer.WriteMemberName("known");
        var mark = writer.BeginLengthPrefixed();
        writer.WriteInt64(42);
        writer.EndLengthPrefixed(mark);
        writer.WriteMemberName("removed");
        mark = writer.BeginLengthPrefixed();
        writer.WriteString("an old member this reader no longer has");
        writer.EndLengthPrefixed(mark);
        writer.WriteMemberName("partial");
        mark = writer.BeginLengthPrefixed();
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.EndLengthPrefixed(mark);
        var bytes = writer.ToArray();

        var reader = new ProcessReader(bytes);
        var count = reader.ReadSectionHeader();
        Assert.Equal(3, count);
        long? known = null;
        for (var index = 0; index < count; index++)
        {
            var name = reader.ReadMemberName();
            var value = reader.ReadLengthPrefixed();
            switch (name)
            {
                case "known":
                    known = value.ReadInt64();
                    value.EnsureAtEnd();
                    break;
                case "partial":
                    value.ReadInt32();
                    var expectedOffset = value.Offset;
                    try
                    {
                        value.EnsureAtEnd();
                        Assert.Fail("EnsureAtEnd accepted 4 unread bytes.");
                    }
                    catch (ProcessSerializationException error)
                    {
                        Assert.Equal(expectedOffset, error.Offset);
                    }

                    break;
                default:
                    break;
            }
        }

        Assert.Equal(42, known);
        reader.EnsureAtEnd();
    }

    [Fact]
    public void Empty_section_round_trips()
    {
        using var writer = new ProcessWriter();
        writer.WriteSectionHeader(0);
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.Equal(0, reader.ReadSectionHeader());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Reset_reuses_the_writer_and_ToArray_copies()
    {
        using var writer = new ProcessWriter();
        writer.WriteInt32(1);
        var first = writer.ToArray();
        writer.Reset();
        Assert.Equal(0, writer.Length);
        writer.WriteInt32(2);
        Assert.Equal(new byte[] { 1, 0, 0, 0 }, first);
        Assert.Equal(new byte[] { 2, 0, 0, 0 }, writer.ToArray());
    }

    [Fact]
    public void Object_headers_round_trip_up_to_249_members_and_reject_more()
    {
        using var writer = new ProcessWriter();
        writer.WriteObjectHeader(0);
        writer.WriteObjectHeader(249);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteObjectHeader(250));
        var reader = new ProcessReader(writer.WrittenSpan);
        Assert.True(reader.TryReadObjectHeader(out var none));
        Assert.Equal(0, none);
        Assert.True(reader.TryReadObjectHeader(out var most));
        Assert.Equal(249, most);
    }
}
