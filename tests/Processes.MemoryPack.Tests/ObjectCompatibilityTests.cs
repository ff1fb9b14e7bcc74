using System;
using System.Collections.Generic;
using MemoryPack;
using Processes.Serialization;
using Xunit;

namespace Processes.MemoryPack.Tests;

/// <summary>
/// A [ProcessData] type and its [MemoryPackable] twin, member for member: the SDK writes the
/// bytes MemoryPack writes, and each side reads the other's, for every supported member type.
/// </summary>
public sealed class ObjectCompatibilityTests
{
    private static readonly DateTime Utc = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly DateTime Local = new(2023, 7, 8, 9, 10, 11, DateTimeKind.Local);
    private static readonly DateTimeOffset Offset = new(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5.5));
    private static readonly Guid SomeGuid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    public static OurEverything Ours() => new()
    {
        Flag = true, Byte = 200, SByte = -5, Short = -1234, UShort = 54321, Char = 'é', Int = -7, UInt = 4_000_000_000,
        Long = long.MinValue + 1, ULong = ulong.MaxValue - 1, Float = 1.25f, Double = -2.5e300, Decimal = -79228162514264337593543.9503m,
        Text = "héllo 日本", NullText = null, Utc = Utc, Local = Local, Offset = Offset, Guid = SomeGuid,
        Duration = TimeSpan.FromMilliseconds(-1234.5), Colour = Colour.Green, Size = Size.Large,
        SomeInt = 42, NoInt = null, SomeDouble = 0.5, SomeGuid = SomeGuid, SomeDate = Utc,
        Ints = [1, -2, 3], Bytes = [0xde, 0xad], Texts = ["a", null, ""], Offsets = [Offset, DateTimeOffset.UnixEpoch, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(14))],
        Doubles = [1.5, double.NaN], Words = ["x", "yz"], Counts = new() { ["k"] = 7 }, Names = new() { [3] = "three" },
        Point = new OurPoint { X = 9, Name = "p" }, Label = new OurLabel("l", 0.25), Labels = [new OurLabel("m", 1), new OurLabel("n", 2)],
        SomeOffset = Offset, SomePoint = new OurPoint { X = -3, Name = "q" },
    };

    public static TheirEverything Theirs() => new()
    {
        Flag = true, Byte = 200, SByte = -5, Short = -1234, UShort = 54321, Char = 'é', Int = -7, UInt = 4_000_000_000,
        Long = long.MinValue + 1, ULong = ulong.MaxValue - 1, Float = 1.25f, Double = -2.5e300, Decimal = -79228162514264337593543.9503m,
        Text = "héllo 日本", NullText = null, Utc = Utc, Local = Local, Offset = Offset, Guid = SomeGuid,
        Duration = TimeSpan.FromMilliseconds(-1234.5), Colour = Colour.Green, Size = Size.Large,
        SomeInt = 42, NoInt = null, SomeDouble = 0.5, SomeGuid = SomeGuid, SomeDate = Utc,
        Ints = [1, -2, 3], Bytes = [0xde, 0xad], Texts = ["a", null, ""], Offsets = [Offset, DateTimeOffset.UnixEpoch, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(14))],
        Doubles = [1.5, double.NaN], Words = ["x", "yz"], Counts = new() { ["k"] = 7 }, Names = new() { [3] = "three" },
        Point = new TheirPoint { X = 9, Name = "p" }, Label = new TheirLabel("l", 0.25), Labels = [new TheirLabel("m", 1), new TheirLabel("n", 2)],
        SomeOffset = Offset, SomePoint = new TheirPoint { X = -3, Name = "q" },
    };

    /// <summary>The same values with every reference member null and every number zero.</summary>
    public static OurEverything OursEmpty() => new();

    public static TheirEverything TheirsEmpty() => new();

    private static byte[] WriteOurs(OurEverything value)
    {
        using var writer = new ProcessWriter();
        ProcessData.Write(writer, value);
        return writer.WrittenSpan.ToArray();
    }

    private static OurEverything ReadOurs(byte[] bytes)
    {
        var reader = new ProcessReader(bytes);
        var value = ProcessData.Read<OurEverything>(ref reader);
        Assert.True(reader.IsAtEnd, $"{reader.Remaining} bytes were left unread.");
        return value!;
    }

    [Fact]
    public void The_SDK_writes_exactly_the_bytes_MemoryPack_writes()
    {
        Assert.Equal(Convert.ToHexString(MemoryPackSerializer.Serialize(Theirs())), Convert.ToHexString(WriteOurs(Ours())));
        Assert.Equal(Convert.ToHexString(MemoryPackSerializer.Serialize(TheirsEmpty())), Convert.ToHexString(WriteOurs(OursEmpty())));
    }

    [Fact]
    public void MemoryPack_reads_what_the_SDK_writes()
    {
        Assert.Equivalent(Theirs(), MemoryPackSerializer.Deserialize<TheirEverything>(WriteOurs(Ours())), strict: true);
        Assert.Equivalent(TheirsEmpty(), MemoryPackSerializer.Deserialize<TheirEverything>(WriteOurs(OursEmpty())), strict: true);
    }

    [Fact]
    public void The_SDK_reads_what_MemoryPack_writes()
    {
        Assert.Equivalent(Ours(), ReadOurs(MemoryPackSerializer.Serialize(Theirs())), strict: true);
        Assert.Equivalent(OursEmpty(), ReadOurs(MemoryPackSerializer.Serialize(TheirsEmpty())), strict: true);
    }

    [Fact]
    public void Date_kinds_and_offsets_survive_both_ways()
    {
        var read = ReadOurs(MemoryPackSerializer.Serialize(Theirs()));
        Assert.Equal(DateTimeKind.Utc, read.Utc.Kind);
        Assert.Equal(DateTimeKind.Local, read.Local.Kind);
        Assert.Equal(Offset, read.Offset);
        Assert.Equal(Offset.Offset, read.Offset.Offset);
        var theirs = MemoryPackSerializer.Deserialize<TheirEverything>(WriteOurs(Ours()))!;
        Assert.Equal(Offset.Offset, theirs.Offset.Offset);
        Assert.Equal(TimeSpan.FromHours(14), theirs.Offsets![2].Offset);
    }
}
