using System;
using MemoryPack;
using Processes.Serialization;
using Xunit;

namespace Processes.MemoryPack.Tests;

/// <summary>Single values through the writer and reader against MemoryPack's own serializer, both ways.</summary>
public sealed class ValueCompatibilityTests
{
    private static void AssertBothWays<T>(T value, Action<ProcessWriter, T> write, ReadValue<T> read)
    {
        using var writer = new ProcessWriter();
        write(writer, value);
        var theirs = MemoryPackSerializer.Serialize(value);
        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(writer.WrittenSpan));
        Assert.Equal(value, MemoryPackSerializer.Deserialize<T>(writer.WrittenSpan));
        var reader = new ProcessReader(theirs);
        Assert.Equal(value, read(ref reader));
        Assert.True(reader.IsAtEnd);
    }

    private delegate T ReadValue<T>(ref ProcessReader reader);

    public static TheoryData<DateTimeOffset> Offsets() =>
    [
        new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-14)),
        new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(14)),
        new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromMinutes(345)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(1, 1, 1, 10, 0, 0, TimeSpan.FromHours(10)),
    ];

    [Theory]
    [MemberData(nameof(Offsets))]
    public void DateTimeOffset_is_MemoryPacks_16_bytes(DateTimeOffset value)
    {
        AssertBothWays(value, static (writer, v) => writer.WriteDateTimeOffset(v), static (ref ProcessReader reader) => reader.ReadDateTimeOffset());
        Assert.Equal(value.Offset, MemoryPackSerializer.Deserialize<DateTimeOffset>(Write(value)).Offset);
    }

    private static byte[] Write(DateTimeOffset value)
    {
        using var writer = new ProcessWriter();
        writer.WriteDateTimeOffset(value);
        return writer.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Int32(int value) => AssertBothWays(value, static (w, v) => w.WriteInt32(v), static (ref ProcessReader r) => r.ReadInt32());

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(123456789012345)]
    public void Int64(long value) => AssertBothWays(value, static (w, v) => w.WriteInt64(v), static (ref ProcessReader r) => r.ReadInt64());

    [Theory]
    [InlineData(0.1)]
    [InlineData(double.NegativeInfinity)]
    public void Double(double value) => AssertBothWays(value, static (w, v) => w.WriteDouble(v), static (ref ProcessReader r) => r.ReadDouble());

    [Fact]
    public void Decimal()
    {
        foreach (var value in new[] { 0m, 1.5m, -1.5m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m })
        {
            AssertBothWays(value, static (w, v) => w.WriteDecimal(v), static (ref ProcessReader r) => r.ReadDecimal());
        }
    }

    [Fact]
    public void Guid_() => AssertBothWays(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), static (w, v) => w.WriteGuid(v), static (ref ProcessReader r) => r.ReadGuid());

    [Fact]
    public void TimeSpan_() => AssertBothWays(TimeSpan.FromTicks(-123456789), static (w, v) => w.WriteTimeSpan(v), static (ref ProcessReader r) => r.ReadTimeSpan());

    [Fact]
    public void DateTime_of_every_kind()
    {
        foreach (var kind in new[] { DateTimeKind.Utc, DateTimeKind.Local, DateTimeKind.Unspecified })
        {
            AssertBothWays(new DateTime(2020, 2, 29, 23, 59, 59, kind), static (w, v) => w.WriteDateTime(v), static (ref ProcessReader r) => r.ReadDateTime());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ascii")]
    [InlineData("日本語 and ü")]
    public void String(string? value) => AssertBothWays(value, static (w, v) => w.WriteString(v), static (ref ProcessReader r) => r.ReadString());

    [Fact]
    public void Byte_arrays()
    {
        foreach (var value in new byte[]?[] { null, [], [1, 2, 255] })
        {
            using var writer = new ProcessWriter();
            writer.WriteBytes(value);
            Assert.Equal(Convert.ToHexString(MemoryPackSerializer.Serialize(value)), Convert.ToHexString(writer.WrittenSpan));
            var reader = new ProcessReader(MemoryPackSerializer.Serialize(value));
            Assert.Equal(value, reader.ReadBytes());
        }
    }
}
