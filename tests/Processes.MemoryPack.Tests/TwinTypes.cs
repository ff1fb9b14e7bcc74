using System;
using System.Collections.Generic;
using MemoryPack;

namespace Processes.MemoryPack.Tests;

public enum Colour
{
    Red = 1,
    Green = 2,
}

public enum Size : byte
{
    Small = 1,
    Large = 200,
}

/// <summary>Every supported member type, in the SDK's [ProcessData] form; <see cref="TheirEverything"/> is its MemoryPack twin, member for member.</summary>
[ProcessData]
public partial class OurEverything
{
    public bool Flag { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Short { get; set; }
    public ushort UShort { get; set; }
    public char Char { get; set; }
    public int Int { get; set; }
    public uint UInt { get; set; }
    public long Long { get; set; }
    public ulong ULong { get; set; }
    public float Float { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public string? Text { get; set; }
    public string? NullText { get; set; }
    public DateTime Utc { get; set; }
    public DateTime Local { get; set; }
    public DateTimeOffset Offset { get; set; }
    public Guid Guid { get; set; }
    public TimeSpan Duration { get; set; }
    public Colour Colour { get; set; }
    public Size Size { get; set; }
    public int? SomeInt { get; set; }
    public int? NoInt { get; set; }
    public double? SomeDouble { get; set; }
    public Guid? SomeGuid { get; set; }
    public DateTime? SomeDate { get; set; }
    public int[]? Ints { get; set; }
    public byte[]? Bytes { get; set; }
    public string?[]? Texts { get; set; }
    public DateTimeOffset[]? Offsets { get; set; }
    public List<double>? Doubles { get; set; }
    public List<string>? Words { get; set; }
    public Dictionary<string, int>? Counts { get; set; }
    public Dictionary<int, string>? Names { get; set; }
    public OurPoint Point { get; set; }
    public OurLabel? Label { get; set; }
    public List<OurLabel>? Labels { get; set; }
    public DateTimeOffset? SomeOffset { get; set; }
    public DateTimeOffset? NoOffset { get; set; }
    public OurPoint? SomePoint { get; set; }
    public OurPoint? NoPoint { get; set; }
}

[MemoryPackable]
public partial class TheirEverything
{
    public bool Flag { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Short { get; set; }
    public ushort UShort { get; set; }
    public char Char { get; set; }
    public int Int { get; set; }
    public uint UInt { get; set; }
    public long Long { get; set; }
    public ulong ULong { get; set; }
    public float Float { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public string? Text { get; set; }
    public string? NullText { get; set; }
    public DateTime Utc { get; set; }
    public DateTime Local { get; set; }
    public DateTimeOffset Offset { get; set; }
    public Guid Guid { get; set; }
    public TimeSpan Duration { get; set; }
    public Colour Colour { get; set; }
    public Size Size { get; set; }
    public int? SomeInt { get; set; }
    public int? NoInt { get; set; }
    public double? SomeDouble { get; set; }
    public Guid? SomeGuid { get; set; }
    public DateTime? SomeDate { get; set; }
    public int[]? Ints { get; set; }
    public byte[]? Bytes { get; set; }
    public string?[]? Texts { get; set; }
    public DateTimeOffset[]? Offsets { get; set; }
    public List<double>? Doubles { get; set; }
    public List<string>? Words { get; set; }
    public Dictionary<string, int>? Counts { get; set; }
    public Dictionary<int, string>? Names { get; set; }
    public TheirPoint Point { get; set; }
    public TheirLabel? Label { get; set; }
    public List<TheirLabel>? Labels { get; set; }
    public DateTimeOffset? SomeOffset { get; set; }
    public DateTimeOffset? NoOffset { get; set; }
    public TheirPoint? SomePoint { get; set; }
    public TheirPoint? NoPoint { get; set; }
}

/// <summary>A [ProcessData] struct.</summary>
[ProcessData]
public partial struct OurPoint
{
    public int X { get; set; }
    public string? Name { get; set; }
}

[MemoryPackable]
public partial struct TheirPoint
{
    public int X { get; set; }
    public string? Name { get; set; }
}

/// <summary>A [ProcessData] record class, nested and in a list.</summary>
[ProcessData]
public partial record OurLabel(string Text, double Weight);

[MemoryPackable]
public partial record TheirLabel(string Text, double Weight);
