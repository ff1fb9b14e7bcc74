using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Processes.Serialization.Codecs;

/// <summary>
/// Reads a run of consecutive fixed-size members in a generated serializer: one length check for
/// the whole run (<see cref="Take"/>), then each value at its offset in the run. Each method reads
/// and validates as the <see cref="ProcessReader"/> method of the same name (a boolean byte other
/// than 0 or 1, or a tick count past <see cref="DateTime.MaxValue"/>, still fails, with the value's
/// offset). Not for use in user code.
/// </summary>
/// <remarks>
/// The generator passes constant offsets and a constant length, so once inlined the JIT removes
/// each method's range check and a read is one load.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct FixedSizeRunReader
{
    private readonly ref readonly byte _start;
    private readonly int _length;

    // The run's offset in the outermost input, for error messages.
    private readonly int _offset;

    private FixedSizeRunReader(ref readonly byte start, int length, int offset)
    {
        _start = ref start;
        _length = length;
        _offset = offset;
    }

    /// <summary>
    /// Moves <paramref name="reader"/> past the next <paramref name="length"/> bytes, failing as a
    /// truncated input when fewer remain, and returns a run over them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FixedSizeRunReader Take(ref ProcessReader reader, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ref readonly var start = ref reader.TakeFixed(length, out var offset);
        return new FixedSizeRunReader(in start, length, offset);
    }

    /// <summary>Reads a boolean at <paramref name="offset"/>; any byte other than 0 or 1 is an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBoolean(int offset)
    {
        var value = ReadByte(offset);
        if (value > 1)
        {
            ThrowInvalidBoolean(value, _offset + offset);
        }

        return value != 0;
    }

    /// <summary>Reads one byte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte(int offset) => At(offset, sizeof(byte));

    /// <summary>Reads a signed byte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte ReadSByte(int offset) => unchecked((sbyte)ReadByte(offset));

    /// <summary>Reads a 16-bit integer at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public short ReadInt16(int offset)
    {
        var value = Unsafe.ReadUnaligned<short>(in At(offset, sizeof(short)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads an unsigned 16-bit integer at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadUInt16(int offset)
    {
        var value = Unsafe.ReadUnaligned<ushort>(in At(offset, sizeof(ushort)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a UTF-16 code unit at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public char ReadChar(int offset) => (char)ReadUInt16(offset);

    /// <summary>Reads a 32-bit integer at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32(int offset)
    {
        var value = Unsafe.ReadUnaligned<int>(in At(offset, sizeof(int)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads an unsigned 32-bit integer at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32(int offset)
    {
        var value = Unsafe.ReadUnaligned<uint>(in At(offset, sizeof(uint)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a 64-bit integer at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64(int offset)
    {
        var value = Unsafe.ReadUnaligned<long>(in At(offset, sizeof(long)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads an unsigned 64-bit integer at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64(int offset)
    {
        var value = Unsafe.ReadUnaligned<ulong>(in At(offset, sizeof(ulong)));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a 32-bit float at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ReadSingle(int offset) => BitConverter.UInt32BitsToSingle(ReadUInt32(offset));

    /// <summary>Reads a 64-bit float at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ReadDouble(int offset) => BitConverter.UInt64BitsToDouble(ReadUInt64(offset));

    /// <summary>
    /// Reads a date and time (ticks with the kind in the two top bits) at <paramref name="offset"/>,
    /// as <see cref="ProcessReader.ReadDateTime"/> does: the top-bit value 3 is a local time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DateTime ReadDateTime(int offset)
    {
        var raw = ReadUInt64(offset);
        var ticks = (long)(raw & 0x3FFFFFFFFFFFFFFFUL);
        if (ticks > DateTime.MaxValue.Ticks)
        {
            ThrowInvalidDateTime(_offset + offset);
        }

        var kind = (raw >> 62) switch
        {
            0 => DateTimeKind.Unspecified,
            1 => DateTimeKind.Utc,
            _ => DateTimeKind.Local,
        };
        return new DateTime(ticks, kind);
    }

    /// <summary>Reads a time span at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TimeSpan ReadTimeSpan(int offset) => new(ReadInt64(offset));

    /// <summary>Reads a GUID (in <see cref="Guid.ToByteArray()"/> order) at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Guid ReadGuid(int offset)
    {
        ref readonly var source = ref At(offset, 16);
        // On a little-endian machine a GUID's memory is its ToByteArray order.
        return BitConverter.IsLittleEndian
            ? Unsafe.ReadUnaligned<Guid>(in source)
            : new Guid(MemoryMarshal.CreateReadOnlySpan(in source, 16));
    }

    /// <summary>The first of <paramref name="size"/> bytes at <paramref name="offset"/>, which must lie inside the run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly byte At(int offset, int size)
    {
        // Folds away for the generator's constant offsets and length; keeps a misuse from reading
        // outside the checked bytes.
        if ((ulong)(uint)offset + (uint)size > (uint)_length)
        {
            ThrowOutside(offset, size, _length);
        }

        return ref Unsafe.Add(ref Unsafe.AsRef(in _start), (nint)(uint)offset);
    }

    // Static, with the values they need: an instance method would take the run's address and keep
    // the JIT from holding the run in registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutside(int offset, int size, int length) =>
        throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{size} byte(s) at this offset do not fit in a run of {length}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidBoolean(byte value, int offset) =>
        throw new ProcessSerializationException($"Invalid boolean byte {value} at offset {offset}.", offset);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalidDateTime(int offset) =>
        throw new ProcessSerializationException($"Invalid date and time at offset {offset}.", offset);
}
