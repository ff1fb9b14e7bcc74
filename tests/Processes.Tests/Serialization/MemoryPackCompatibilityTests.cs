using System;
using System.Collections.Generic;
using Processes.Serialization;
using Xunit;

namespace Processes.Tests.Serialization;

/// <summary>
/// The writer produces MemoryPack's bytes exactly (shared/reference/memorypack-format.md) and the
/// reader reads them back, so users can exchange payloads with MemoryPack.
/// </summary>
public sealed class MemoryPackCompatibilityTests
{
    private static void AssertBytes(string expected, Action<ProcessWriter> write)
    {
        using var writer = new ProcessWriter();
        write(writer);
        Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(writer.WrittenSpan));
    }

    [Fact]
    public void Int32_matches() => AssertBytes("01 00 00 00", writer => writer.WriteInt32(1));

    [Fact]
    public void Int64_matches() => AssertBytes("fe ff ff ff ff ff ff ff", writer => writer.WriteInt64(-2));

    [Fact]
    public void Double_matches() => AssertBytes("00 00 00 00 00 00 f8 3f", writer => writer.WriteDouble(1.5));

    [Fact]
    public void Boolean_matches() => AssertBytes("01", writer => writer.WriteBoolean(true));

    [Fact]
    public void Decimal_matches_and_reads_back()
    {
        const string expected = "00 00 01 00 00 00 00 00 0f 00 00 00 00 00 00 00";
        AssertBytes(expected, writer => writer.WriteDecimal(1.5m));
        var reader = new ProcessReader(Hex.Parse(expected));
        Assert.Equal(1.5m, reader.ReadDecimal());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Enums_match_their_underlying_type()
    {
        AssertBytes("05 00 00 00", writer => writer.WriteInt32(5));
        AssertBytes("c8", writer => writer.WriteByte(200));
    }

    [Fact]
    public void Guid_matches_and_reads_back()
    {
        const string expected = "33 22 11 00 55 44 77 66 88 99 aa bb cc dd ee ff";
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        AssertBytes(expected, writer => writer.WriteGuid(guid));
        var reader = new ProcessReader(Hex.Parse(expected));
        Assert.Equal(guid, reader.ReadGuid());
    }

    [Fact]
    public void Utc_date_time_matches_and_reads_back()
    {
        const string expected = "80 c0 bf 7a 3f 0b dc 48";
        var value = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        AssertBytes(expected, writer => writer.WriteDateTime(value));
        var reader = new ProcessReader(Hex.Parse(expected));
        var read = reader.ReadDateTime();
        Assert.Equal(value, read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
    }

    [Theory]
    [InlineData("hello", "fa ff ff ff 05 00 00 00 68 65 6c 6c 6f")]
    [InlineData("", "00 00 00 00")]
    [InlineData(null, "ff ff ff ff")]
    [InlineData("日本", "f9 ff ff ff 02 00 00 00 e6 97 a5 e6 9c ac")]
    public void Strings_match_in_utf8_form_and_read_back(string? value, string expected)
    {
        AssertBytes(expected, writer => writer.WriteString(value));
        var reader = new ProcessReader(Hex.Parse(expected));
        Assert.Equal(value, reader.ReadString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Utf16_form_string_from_memorypack_reads()
    {
        var reader = new ProcessReader(Hex.Parse("05 00 00 00 68 00 65 00 6c 00 6c 00 6f 00"));
        Assert.Equal("hello", reader.ReadString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Int_arrays_match_and_read_back()
    {
        AssertBytes("03 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00", writer => writer.WriteUnmanagedArray(new[] { 1, 2, 3 }));
        AssertBytes("00 00 00 00", writer => writer.WriteUnmanagedArray(Array.Empty<int>()));
        AssertBytes("ff ff ff ff", writer => writer.WriteUnmanagedArray<int>(null));

        var reader = new ProcessReader(Hex.Parse("03 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 00 00 00 00 ff ff ff ff"));
        Assert.Equal(new[] { 1, 2, 3 }, reader.ReadUnmanagedArray<int>());
        Assert.Equal(Array.Empty<int>(), reader.ReadUnmanagedArray<int>());
        Assert.Null(reader.ReadUnmanagedArray<int>());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Byte_array_matches_and_reads_back()
    {
        const string expected = "04 00 00 00 de ad be ef";
        AssertBytes(expected, writer => writer.WriteBytes(new byte[] { 0xde, 0xad, 0xbe, 0xef }));
        var reader = new ProcessReader(Hex.Parse(expected));
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, reader.ReadBytes());
    }

    [Fact]
    public void String_array_with_null_matches_and_reads_back()
    {
        const string expected = "03 00 00 00 fe ff ff ff 01 00 00 00 61 ff ff ff ff fd ff ff ff 02 00 00 00 62 63";
        string?[] value = { "a", null, "bc" };
        AssertBytes(expected, writer =>
        {
            writer.WriteCollectionHeader(value.Length);
            foreach (var item in value)
            {
                writer.WriteString(item);
            }
        });

        var reader = new ProcessReader(Hex.Parse(expected));
        Assert.True(reader.TryReadCollectionHeader(out var count, minimumElementSize: 4));
        var read = new string?[count];
        for (var index = 0; index < count; index++)
        {
            read[index] = reader.ReadString();
        }

        Assert.Equal(value, read);
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Dictionary_matches_and_reads_back()
    {
        const string expected = "01 00 00 00 fe ff ff ff 01 00 00 00 6b 07 00 00 00";
        var value = new Dictionary<string, int> { ["k"] = 7 };
        AssertBytes(expected, writer =>
        {
            writer.WriteCollectionHeader(value.Count);
            foreach (var pair in value)
            {
                writer.WriteString(pair.Key);
                writer.WriteInt32(pair.Value);
            }
        });

        var reader = new ProcessReader(Hex.Parse(expected));
        Assert.True(reader.TryReadCollectionHeader(out var count, minimumElementSize: 8));
        var read = new Dictionary<string, int>();
        for (var index = 0; index < count; index++)
        {
            read.Add(reader.ReadString()!, reader.ReadInt32());
        }

        Assert.Equal(value, read);
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Nullable_int_matches_and_reads_back()
    {
        AssertBytes("01 00 00 00 05 00 00 00", writer =>
        {
            writer.WriteNullableHeader(hasValue: true, alignment: 4);
            writer.WriteInt32(5);
        });
        AssertBytes("00 00 00 00 00 00 00 00", writer =>
        {
            writer.WriteNullableHeader(hasValue: false, alignment: 4);
            writer.WriteZeros(4);
        });

        var reader = new ProcessReader(Hex.Parse("01 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00"));
        Assert.True(reader.ReadNullableHeader(4));
        Assert.Equal(5, reader.ReadInt32());
        Assert.False(reader.ReadNullableHeader(4));
        reader.Skip(4);
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void List_of_nullable_int_matches()
    {
        int?[] value = { 1, null };
        AssertBytes("02 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00", writer =>
        {
            writer.WriteCollectionHeader(value.Length);
            foreach (var item in value)
            {
                writer.WriteNullableHeader(item.HasValue, 4);
                writer.WriteInt32(item.GetValueOrDefault());
            }
        });
    }

    [Fact]
    public void Object_header_example_matches_and_reads_back()
    {
        const string expected = "02 2a 00 00 00 fd ff ff ff 02 00 00 00 69 6e";
        AssertBytes(expected, writer =>
        {
            writer.WriteObjectHeader(2);
            writer.WriteInt32(42);
            writer.WriteString("in");
        });

        var reader = new ProcessReader(Hex.Parse(expected));
        Assert.True(reader.TryReadObjectHeader(out var members));
        Assert.Equal(2, members);
        Assert.Equal(42, reader.ReadInt32());
        Assert.Equal("in", reader.ReadString());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Null_object_header_is_255()
    {
        AssertBytes("ff", writer => writer.WriteNullObjectHeader());
        var reader = new ProcessReader(Hex.Parse("ff"));
        Assert.False(reader.TryReadObjectHeader(out _));
    }

    [Fact]
    public void Ambiguous_local_time_from_memorypack_reads_as_local()
    {
        // DateTime's raw field marks a local time in a daylight-saving overlap with both top bits.
        var ticks = new DateTime(2024, 10, 27, 2, 30, 0).Ticks;
        using var writer = new ProcessWriter();
        writer.WriteUInt64((ulong)ticks | (3UL << 62));
        var reader = new ProcessReader(writer.WrittenSpan);
        var read = reader.ReadDateTime();
        Assert.Equal(DateTimeKind.Local, read.Kind);
        Assert.Equal(ticks, read.Ticks);
    }
}
