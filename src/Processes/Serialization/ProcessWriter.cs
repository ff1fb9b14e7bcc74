using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Processes.Serialization;

/// <summary>
/// Writes values in the SDK's binary format (MemoryPack's layout: raw little-endian values,
/// length-prefixed strings and collections, one header byte per object). Generated serializers
/// call it; it grows a pooled buffer and can be reset and reused.
/// </summary>
public sealed partial class ProcessWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;

    // The bytes usable before the next growth: the buffer's length, or less under a length limit
    // (the pool hands out larger buffers than asked for), so the limit is checked only on growth.
    private int _capacity;
    private int _maxLength = int.MaxValue;

    /// <summary>Creates a writer with a small initial buffer rented from the shared pool.</summary>
    public ProcessWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
        _capacity = _buffer.Length;
    }

    /// <summary>The number of bytes written so far.</summary>
    public int Length => _position;

    /// <summary>The bytes written so far. Valid until the next write or <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>The bytes written so far as memory. Valid until the next write or <see cref="Reset"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>Copies the bytes written so far into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets what was written, keeping the buffer for reuse.</summary>
    public void Reset() => _position = 0;

    /// <summary>
    /// Limits what this writer may hold to <paramref name="maxLength"/> bytes: a write that would
    /// pass it throws <see cref="WriterLimitExceededException"/> before the buffer grows, so a
    /// value far too large for a frame fails at once instead of after it has been copied whole.
    /// </summary>
    internal void LimitLength(int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, _position);
        _maxLength = maxLength;
        _capacity = Math.Min(_buffer.Length, maxLength);
    }

    /// <summary>Returns the buffer to the pool. The writer must not be used afterwards.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _position = 0;
        _capacity = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> GetSpan(int count)
    {
        EnsureCapacity(count);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>
    /// Makes room for <paramref name="count"/> bytes, moves past them and returns a reference to the
    /// first: a run of fixed-size members (<see cref="Codecs.FixedSizeRunWriter"/>) checks capacity
    /// once and writes every member at its constant offset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref byte ReserveAndAdvance(int count)
    {
        if (_capacity - _position < count)
        {
            Grow(count);
        }

        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position);
        _position += count;
        return ref start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureCapacity(int count)
    {
        if (_capacity - _position < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        var required = (long)_position + count;
        if (required > _maxLength)
        {
            throw _maxLength == int.MaxValue
                ? new OverflowException("A writer holds at most 2 GiB.")
                : new WriterLimitExceededException(_maxLength, required);
        }

        // Doubling, but never past the limit: a limited writer never holds more than it may send.
        var size = (int)Math.Min(Math.Max(required, (long)_buffer.Length * 2), Math.Max(required, _maxLength));
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _position).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
        _capacity = Math.Min(next.Length, _maxLength);
    }

    /// <summary>Writes a boolean as one byte (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_capacity - _position < 1)
        {
            Grow(1);
        }

        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position) = value;
        _position++;
    }

    /// <summary>Writes a signed byte.</summary>
    public void WriteSByte(sbyte value) => WriteByte(unchecked((byte)value));

    /// <summary>Writes a 16-bit integer, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt16(short value)
    {
        // Flat (no nested helper): generated serializers inline many of these into one method,
        // and the JIT stops inlining past a depth or budget.
        if (_capacity - _position < 2)
        {
            Grow(2);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 2;
    }

    /// <summary>Writes an unsigned 16-bit integer, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt16(ushort value)
    {
        if (_capacity - _position < 2)
        {
            Grow(2);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 2;
    }

    /// <summary>Writes a UTF-16 code unit as two bytes, little-endian.</summary>
    public void WriteChar(char value) => WriteUInt16(value);

    /// <summary>Writes a 32-bit integer, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int value)
    {
        if (_capacity - _position < 4)
        {
            Grow(4);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 4;
    }

    /// <summary>Writes an unsigned 32-bit integer, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt32(uint value)
    {
        if (_capacity - _position < 4)
        {
            Grow(4);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 4;
    }

    /// <summary>Writes a 64-bit integer, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(long value)
    {
        if (_capacity - _position < 8)
        {
            Grow(8);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 8;
    }

    /// <summary>Writes an unsigned 64-bit integer, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt64(ulong value)
    {
        if (_capacity - _position < 8)
        {
            Grow(8);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 8;
    }

    /// <summary>Writes a 32-bit float, little-endian IEEE 754.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteSingle(float value) => WriteUInt32(BitConverter.SingleToUInt32Bits(value));

    /// <summary>Writes a 64-bit float, little-endian IEEE 754.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteDouble(double value) => WriteUInt64(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Writes a decimal in .NET's in-memory layout (flags, high 32 bits, low 64 bits).</summary>
    public void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var span = GetSpan(16);
        BinaryPrimitives.WriteInt32LittleEndian(span, bits[3]);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(4), bits[2]);
        BinaryPrimitives.WriteUInt64LittleEndian(span.Slice(8), ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
    }

    /// <summary>Writes a GUID in <see cref="Guid.ToByteArray()"/> order.</summary>
    public void WriteGuid(Guid value)
    {
        if (!value.TryWriteBytes(GetSpan(16)))
        {
            throw new InvalidOperationException("A GUID did not fit in 16 bytes.");
        }
    }

    /// <summary>Writes a date and time as its ticks with the kind in the two top bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteDateTime(DateTime value) =>
        WriteUInt64((ulong)value.Ticks | ((ulong)value.Kind << 62));

    /// <summary>Writes a date, time and offset as MemoryPack does on .NET 10 (16 bytes: offset minutes as <c>int32</c>, 4 zero bytes, UTC ticks).</summary>
    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        // MemoryPack copies the struct's 16 bytes as the runtime lays them out; on .NET 10: the
        // offset in minutes (int32), 4 bytes of padding, then the UTC date and time (a DateTime of
        // kind Unspecified: plain UTC ticks). The SDK writes that layout on every runtime, so its
        // data does not depend on where it was written.
        var span = GetSpan(16);
        BinaryPrimitives.WriteInt32LittleEndian(span, (int)value.Offset.TotalMinutes);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(4), 0);
        BinaryPrimitives.WriteInt64LittleEndian(span.Slice(8), value.UtcTicks);
    }

    /// <summary>
    /// Writes a date, time and offset in the SDK's compact form (local ticks, <c>int16</c> offset
    /// minutes: 10 bytes): the form of the SDK's own framing (checkpoint envelope, file header,
    /// wire status), which keeps its bytes, and of user data in checkpoints before format version 4.
    /// </summary>
    internal void WriteCompactDateTimeOffset(DateTimeOffset value)
    {
        WriteInt64(value.Ticks);
        WriteInt16(checked((short)value.Offset.TotalMinutes));
    }

    /// <summary>Writes a time span as its ticks.</summary>
    public void WriteTimeSpan(TimeSpan value) => WriteInt64(value.Ticks);

    /// <summary>
    /// Writes a string in MemoryPack's UTF-8 form: the bitwise complement of the byte count, the
    /// UTF-16 length, then the bytes; <c>-1</c> for null and <c>0</c> for the empty string.
    /// </summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        if (value.Length == 0)
        {
            WriteInt32(0);
            return;
        }

        // Worst case 3 bytes per UTF-16 unit (a surrogate pair takes 4 bytes for 2 units).
        var maxBytes = (long)value.Length * 3;
        if (_position + 8 + maxBytes > _maxLength)
        {
            // The worst case would pass the limit; the exact count may not.
            maxBytes = Encoding.UTF8.GetByteCount(value);
        }

        EnsureCapacity(checked(8 + (int)maxBytes));
        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(uint)_position);
        // Utf8.FromUtf16 replaces a lone surrogate with U+FFFD, as Encoding.UTF8 does: the same bytes.
        Utf8.FromUtf16(value, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref start, 8), _capacity - _position - 8), out _, out var byteCount);
        Unsafe.WriteUnaligned(ref start, BitConverter.IsLittleEndian ? ~byteCount : BinaryPrimitives.ReverseEndianness(~byteCount));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, 4), BitConverter.IsLittleEndian ? value.Length : BinaryPrimitives.ReverseEndianness(value.Length));
        _position += 8 + byteCount;
    }

    /// <summary>Writes a byte array: its length (<c>-1</c> for null), then the bytes.</summary>
    public void WriteBytes(byte[]? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteInt32(value.Length);
        value.CopyTo(GetSpan(value.Length));
    }

    /// <summary>Writes bytes with no length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpan(bytes.Length));

    /// <summary>
    /// Writes an array of an unmanaged type as its count (<c>-1</c> for null) followed by the raw
    /// little-endian element bytes, as MemoryPack does for <c>int[]</c> or <c>double[]</c>.
    /// </summary>
    public void WriteUnmanagedArray<T>(T[]? value)
        where T : unmanaged
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteUnmanagedSpan<T>(value);
    }

    /// <summary>Writes a span of an unmanaged type as a count followed by the raw element bytes.</summary>
    public void WriteUnmanagedSpan<T>(ReadOnlySpan<T> value)
        where T : unmanaged
    {
        EnsureLittleEndian();
        WriteInt32(value.Length);
        MemoryMarshal.AsBytes(value).CopyTo(GetSpan(value.Length * Unsafe.SizeOf<T>()));
    }

    /// <summary>Writes the header of a non-null object: its member count (0–249).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteObjectHeader(byte memberCount)
    {
        if (memberCount >= BinaryFormat.NullObject - 5)
        {
            throw new ArgumentOutOfRangeException(nameof(memberCount), memberCount, "An object holds at most 249 members.");
        }

        WriteByte(memberCount);
    }

    /// <summary>Writes the header of a null object (<c>255</c>).</summary>
    public void WriteNullObjectHeader() => WriteByte(BinaryFormat.NullObject);

    /// <summary>Writes the element count of a non-null collection.</summary>
    public void WriteCollectionHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteInt32(count);
    }

    /// <summary>Writes the header of a null collection (<c>-1</c>).</summary>
    public void WriteNullCollectionHeader() => WriteInt32(BinaryFormat.NullLength);

    /// <summary>
    /// Writes the prefix of a nullable value of an unmanaged type in its raw struct layout: the
    /// has-value byte, then zero padding up to the value's alignment. When
    /// <paramref name="hasValue"/> is false, the value's bytes follow as zeros too (call
    /// <see cref="WriteZeros"/> with the value size).
    /// </summary>
    public void WriteNullableHeader(bool hasValue, int alignment)
    {
        WriteBoolean(hasValue);
        WriteZeros(alignment - 1);
    }

    /// <summary>Writes <paramref name="count"/> zero bytes.</summary>
    public void WriteZeros(int count)
    {
        if (count > 0)
        {
            GetSpan(count).Clear();
        }
    }

    /// <summary>
    /// Starts a value whose byte length is written before it (a member of a version-tolerant
    /// section). Returns a mark to pass to <see cref="EndLengthPrefixed"/>.
    /// </summary>
    public int BeginLengthPrefixed()
    {
        var mark = _position;
        GetSpan(4);
        return mark;
    }

    /// <summary>Completes a value started with <see cref="BeginLengthPrefixed"/> by writing its length.</summary>
    public void EndLengthPrefixed(int mark)
    {
        var length = _position - mark - 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(mark), length);
    }

    /// <summary>
    /// Writes the header of a name-keyed, version-tolerant section (checkpoint inputs, outputs
    /// or state): the number of members that follow, each written with <see cref="WriteMemberName"/>
    /// and then a length-prefixed value.
    /// </summary>
    public void WriteSectionHeader(int memberCount) => WriteCollectionHeader(memberCount);

    /// <summary>Writes the name of a member of a version-tolerant section.</summary>
    public void WriteMemberName(string name) => WriteString(name);

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Raw unmanaged arrays are written little-endian; this machine is big-endian.");
        }
    }
}
