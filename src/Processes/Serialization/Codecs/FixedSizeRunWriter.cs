using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Processes.Serialization.Codecs;

/// <summary>
/// Writes a run of consecutive fixed-size members in a generated serializer: one capacity check
/// for the whole run (<see cref="Reserve"/>), then each value at its offset in the run. Each
/// method writes the same bytes as the <see cref="ProcessWriter"/> method of the same name. Not
/// for use in user code.
/// </summary>
/// <remarks>
/// MemoryPack writes such runs the same way; checking capacity per member cost the SDK's codec
/// most of its gap on small records. The generator passes constant offsets and a constant length,
/// so once inlined the JIT removes each method's range check and a write is one store.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct FixedSizeRunWriter
{
    private readonly ref byte _start;
    private readonly int _length;

    private FixedSizeRunWriter(ref byte start, int length)
    {
        _start = ref start;
        _length = length;
    }

    /// <summary>Reserves the next <paramref name="length"/> bytes of <paramref name="writer"/> (moving past them) for a run of that size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FixedSizeRunWriter Reserve(ProcessWriter writer, int length)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new FixedSizeRunWriter(ref writer.ReserveAndAdvance(length), length);
    }

    /// <summary>Writes a boolean as one byte (0 or 1) at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBoolean(int offset, bool value) => WriteByte(offset, value ? (byte)1 : (byte)0);

    /// <summary>Writes one byte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(int offset, byte value) => At(offset, sizeof(byte)) = value;

    /// <summary>Writes a signed byte at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteSByte(int offset, sbyte value) => WriteByte(offset, unchecked((byte)value));

    /// <summary>Writes a 16-bit integer, little-endian, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt16(int offset, short value) =>
        Unsafe.WriteUnaligned(ref At(offset, sizeof(short)), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <summary>Writes an unsigned 16-bit integer, little-endian, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt16(int offset, ushort value) =>
        Unsafe.WriteUnaligned(ref At(offset, sizeof(ushort)), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <summary>Writes a UTF-16 code unit as two bytes, little-endian, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteChar(int offset, char value) => WriteUInt16(offset, value);

    /// <summary>Writes a 32-bit integer, little-endian, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int offset, int value) =>
        Unsafe.WriteUnaligned(ref At(offset, sizeof(int)), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <summary>Writes an unsigned 32-bit integer, little-endian, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt32(int offset, uint value) =>
        Unsafe.WriteUnaligned(ref At(offset, sizeof(uint)), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <summary>Writes a 64-bit integer, little-endian, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(int offset, long value) =>
        Unsafe.WriteUnaligned(ref At(offset, sizeof(long)), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <summary>Writes an unsigned 64-bit integer, little-endian, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt64(int offset, ulong value) =>
        Unsafe.WriteUnaligned(ref At(offset, sizeof(ulong)), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));

    /// <summary>Writes a 32-bit float, little-endian IEEE 754, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteSingle(int offset, float value) => WriteUInt32(offset, BitConverter.SingleToUInt32Bits(value));

    /// <summary>Writes a 64-bit float, little-endian IEEE 754, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteDouble(int offset, double value) => WriteUInt64(offset, BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Writes a date and time (ticks, the kind in the two top bits) at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteDateTime(int offset, DateTime value) => WriteUInt64(offset, (ulong)value.Ticks | ((ulong)value.Kind << 62));

    /// <summary>Writes a time span as its ticks at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteTimeSpan(int offset, TimeSpan value) => WriteInt64(offset, value.Ticks);

    /// <summary>Writes a GUID in <see cref="Guid.ToByteArray()"/> order at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteGuid(int offset, Guid value)
    {
        ref var destination = ref At(offset, 16);
        if (BitConverter.IsLittleEndian)
        {
            // On a little-endian machine a GUID's memory is its ToByteArray order.
            Unsafe.WriteUnaligned(ref destination, value);
        }
        else if (!value.TryWriteBytes(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref destination, 16)))
        {
            throw new InvalidOperationException("A GUID did not fit in 16 bytes.");
        }
    }

    /// <summary>The first of <paramref name="size"/> bytes at <paramref name="offset"/>, which must lie inside the run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte At(int offset, int size)
    {
        // Folds away for the generator's constant offsets and length; keeps a misuse from writing
        // outside the reserved bytes.
        if ((ulong)(uint)offset + (uint)size > (uint)_length)
        {
            ThrowOutside(offset, size, _length);
        }

        return ref Unsafe.Add(ref _start, (nint)(uint)offset);
    }

    // Static, with the values it needs: an instance method would take the run's address and keep
    // the JIT from holding the run in registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutside(int offset, int size, int length) =>
        throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{size} byte(s) at this offset do not fit in a run of {length}.");
}
