using System.ComponentModel;

namespace Processes.Serialization.Codecs;

// The codecs of the primitive values: each forwards to the ProcessWriter/ProcessReader method of the
// same name, with the size and alignment the generator uses for the same type.

/// <summary>The codec of <see cref="bool"/> (1 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BooleanCodec : IUnmanagedValueCodec<bool>
{
    /// <inheritdoc />
    public static int MinimumSize => 1;

    /// <inheritdoc />
    public static int Alignment => 1;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, bool value) => writer.WriteBoolean(value);

    /// <inheritdoc />
    public static bool Read(ref ProcessReader reader) => reader.ReadBoolean();
}

/// <summary>The codec of <see cref="byte"/> (1 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ByteCodec : IUnmanagedValueCodec<byte>
{
    /// <inheritdoc />
    public static int MinimumSize => 1;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 1;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, byte value) => writer.WriteByte(value);

    /// <inheritdoc />
    public static byte Read(ref ProcessReader reader) => reader.ReadByte();
}

/// <summary>The codec of <see cref="sbyte"/> (1 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SByteCodec : IUnmanagedValueCodec<sbyte>
{
    /// <inheritdoc />
    public static int MinimumSize => 1;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 1;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, sbyte value) => writer.WriteSByte(value);

    /// <inheritdoc />
    public static sbyte Read(ref ProcessReader reader) => reader.ReadSByte();
}

/// <summary>The codec of <see cref="short"/> (2 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Int16Codec : IUnmanagedValueCodec<short>
{
    /// <inheritdoc />
    public static int MinimumSize => 2;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 2;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, short value) => writer.WriteInt16(value);

    /// <inheritdoc />
    public static short Read(ref ProcessReader reader) => reader.ReadInt16();
}

/// <summary>The codec of <see cref="ushort"/> (2 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct UInt16Codec : IUnmanagedValueCodec<ushort>
{
    /// <inheritdoc />
    public static int MinimumSize => 2;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 2;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, ushort value) => writer.WriteUInt16(value);

    /// <inheritdoc />
    public static ushort Read(ref ProcessReader reader) => reader.ReadUInt16();
}

/// <summary>The codec of <see cref="char"/> (2 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CharCodec : IUnmanagedValueCodec<char>
{
    /// <inheritdoc />
    public static int MinimumSize => 2;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 2;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, char value) => writer.WriteChar(value);

    /// <inheritdoc />
    public static char Read(ref ProcessReader reader) => reader.ReadChar();
}

/// <summary>The codec of <see cref="int"/> (4 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Int32Codec : IUnmanagedValueCodec<int>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, int value) => writer.WriteInt32(value);

    /// <inheritdoc />
    public static int Read(ref ProcessReader reader) => reader.ReadInt32();
}

/// <summary>The codec of <see cref="uint"/> (4 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct UInt32Codec : IUnmanagedValueCodec<uint>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, uint value) => writer.WriteUInt32(value);

    /// <inheritdoc />
    public static uint Read(ref ProcessReader reader) => reader.ReadUInt32();
}

/// <summary>The codec of <see cref="float"/> (4 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SingleCodec : IUnmanagedValueCodec<float>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, float value) => writer.WriteSingle(value);

    /// <inheritdoc />
    public static float Read(ref ProcessReader reader) => reader.ReadSingle();
}

/// <summary>The codec of <see cref="long"/> (8 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Int64Codec : IUnmanagedValueCodec<long>
{
    /// <inheritdoc />
    public static int MinimumSize => 8;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 8;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, long value) => writer.WriteInt64(value);

    /// <inheritdoc />
    public static long Read(ref ProcessReader reader) => reader.ReadInt64();
}

/// <summary>The codec of <see cref="ulong"/> (8 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct UInt64Codec : IUnmanagedValueCodec<ulong>
{
    /// <inheritdoc />
    public static int MinimumSize => 8;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 8;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, ulong value) => writer.WriteUInt64(value);

    /// <inheritdoc />
    public static ulong Read(ref ProcessReader reader) => reader.ReadUInt64();
}

/// <summary>The codec of <see cref="double"/> (8 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DoubleCodec : IUnmanagedValueCodec<double>
{
    /// <inheritdoc />
    public static int MinimumSize => 8;

    /// <inheritdoc />
    public static bool IsRawCopy => true;

    /// <inheritdoc />
    public static int Alignment => 8;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, double value) => writer.WriteDouble(value);

    /// <inheritdoc />
    public static double Read(ref ProcessReader reader) => reader.ReadDouble();
}

/// <summary>The codec of <see cref="decimal"/> (16 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DecimalCodec : IUnmanagedValueCodec<decimal>
{
    /// <inheritdoc />
    public static int MinimumSize => 16;

    /// <inheritdoc />
    public static int Alignment => 8;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, decimal value) => writer.WriteDecimal(value);

    /// <inheritdoc />
    public static decimal Read(ref ProcessReader reader) => reader.ReadDecimal();
}

/// <summary>The codec of <see cref="System.DateTime"/> (8 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeCodec : IUnmanagedValueCodec<global::System.DateTime>
{
    /// <inheritdoc />
    public static int MinimumSize => 8;

    /// <inheritdoc />
    public static int Alignment => 8;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, global::System.DateTime value) => writer.WriteDateTime(value);

    /// <inheritdoc />
    public static global::System.DateTime Read(ref ProcessReader reader) => reader.ReadDateTime();
}

/// <summary>The codec of <see cref="System.Guid"/> (16 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct GuidCodec : IUnmanagedValueCodec<global::System.Guid>
{
    /// <inheritdoc />
    public static int MinimumSize => 16;

    /// <inheritdoc />
    public static int Alignment => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, global::System.Guid value) => writer.WriteGuid(value);

    /// <inheritdoc />
    public static global::System.Guid Read(ref ProcessReader reader) => reader.ReadGuid();
}

/// <summary>The codec of <see cref="System.TimeSpan"/> (8 byte(s)). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TimeSpanCodec : IUnmanagedValueCodec<global::System.TimeSpan>
{
    /// <inheritdoc />
    public static int MinimumSize => 8;

    /// <inheritdoc />
    public static int Alignment => 8;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, global::System.TimeSpan value) => writer.WriteTimeSpan(value);

    /// <inheritdoc />
    public static global::System.TimeSpan Read(ref ProcessReader reader) => reader.ReadTimeSpan();
}

/// <summary>The codec of <see cref="System.DateTimeOffset"/> (MemoryPack's 16 bytes: UTC ticks, offset minutes, padding; written field by field, never copied raw). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DateTimeOffsetCodec : IValueCodec<global::System.DateTimeOffset>
{
    /// <inheritdoc />
    public static int MinimumSize => 10;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, global::System.DateTimeOffset value) => writer.WriteDateTimeOffset(value);

    /// <inheritdoc />
    public static global::System.DateTimeOffset Read(ref ProcessReader reader) => reader.ReadDateTimeOffset();
}

/// <summary>The codec of <see cref="ProcessId"/> (its GUID). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ProcessIdCodec : IUnmanagedValueCodec<ProcessId>
{
    /// <inheritdoc />
    public static int MinimumSize => 16;

    /// <inheritdoc />
    public static int Alignment => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, ProcessId value) => writer.WriteGuid(value.Value);

    /// <inheritdoc />
    public static ProcessId Read(ref ProcessReader reader) => new(reader.ReadGuid());
}
