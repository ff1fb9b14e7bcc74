using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Processes.Serialization;

/// <summary>
/// Reads values written by <see cref="ProcessWriter"/>. Every length and count read from the
/// input is checked against the bytes that remain before anything is allocated; malformed input
/// raises <see cref="ProcessSerializationException"/> with the offset.
/// </summary>
public ref partial struct ProcessReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;
    private bool _compactDateTimeOffsets;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public ProcessReader(ReadOnlySpan<byte> data)
        : this(data, 0)
    {
    }

    private ProcessReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>The offset of the next byte to read, from the start of the outermost input.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>The number of bytes left to read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position == _data.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            ThrowTruncated(count);
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>
    /// Moves past <paramref name="count"/> bytes after one length check and returns a reference to
    /// the first, and their offset in the outermost input (for error messages): a run of fixed-size
    /// members (<see cref="Codecs.FixedSizeRunReader"/>) reads every member at its constant offset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly byte TakeFixed(int count, out int offset)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            ThrowTruncated(count);
        }

        offset = _baseOffset + _position;
        ref readonly var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position);
        _position += count;
        return ref start;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTruncated(int count) =>
        throw new ProcessSerializationException(
            $"The data ends early: {count} byte(s) needed at offset {Offset}, {Remaining} left.", Offset)
        { IsTruncation = true };

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => Take(count);

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count);

    /// <summary>Reads a boolean; any byte other than 0 or 1 is an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBoolean()
    {
        var value = ReadByte();
        if (value > 1)
        {
            ThrowInvalidBoolean(value);
        }

        return value != 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowInvalidBoolean(byte value) =>
        throw new ProcessSerializationException($"Invalid boolean byte {value} at offset {Offset - 1}.", Offset - 1);

    /// <summary>Reads one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if ((uint)_position >= (uint)_data.Length)
        {
            ThrowTruncated(1);
        }

        return Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position++);
    }

    /// <summary>Reads a signed byte.</summary>
    public sbyte ReadSByte() => unchecked((sbyte)Take(1)[0]);

    /// <summary>Reads a 16-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public short ReadInt16()
    {
        // Flat, one bounds check, no span: generated readers inline many of these into one method.
        if (2 > _data.Length - _position)
        {
            ThrowTruncated(2);
        }

        var value = Unsafe.ReadUnaligned<short>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position));
        _position += 2;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads an unsigned 16-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadUInt16()
    {
        if (2 > _data.Length - _position)
        {
            ThrowTruncated(2);
        }

        var value = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position));
        _position += 2;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a UTF-16 code unit.</summary>
    public char ReadChar() => (char)ReadUInt16();

    /// <summary>Reads a 32-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32()
    {
        if (4 > _data.Length - _position)
        {
            ThrowTruncated(4);
        }

        var value = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position));
        _position += 4;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads an unsigned 32-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32()
    {
        if (4 > _data.Length - _position)
        {
            ThrowTruncated(4);
        }

        var value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position));
        _position += 4;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a 64-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64()
    {
        if (8 > _data.Length - _position)
        {
            ThrowTruncated(8);
        }

        var value = Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position));
        _position += 8;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads an unsigned 64-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64()
    {
        if (8 > _data.Length - _position)
        {
            ThrowTruncated(8);
        }

        var value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position));
        _position += 8;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a 32-bit float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ReadSingle() => BitConverter.UInt32BitsToSingle(ReadUInt32());

    /// <summary>Reads a 64-bit float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadUInt64());

    /// <summary>Reads a decimal written in .NET's in-memory layout.</summary>
    public decimal ReadDecimal()
    {
        var span = Take(16);
        var flags = BinaryPrimitives.ReadInt32LittleEndian(span);
        var high = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(4));
        var low64 = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(8));
        var scale = (byte)((flags >> 16) & 0xFF);
        if (scale > 28 || (flags & 0x7F00FFFF) != 0)
        {
            throw new ProcessSerializationException($"Invalid decimal at offset {Offset - 16}.", Offset - 16);
        }

        return new decimal((int)(uint)low64, (int)(uint)(low64 >> 32), high, flags < 0, scale);
    }

    /// <summary>Reads a GUID.</summary>
    public Guid ReadGuid() => new(Take(16));

    /// <summary>
    /// Reads a date and time (ticks with the kind in the two top bits). The top-bit value 3 is
    /// accepted as <see cref="DateTimeKind.Local"/>.
    /// </summary>
    public DateTime ReadDateTime()
    {
        var start = Offset;
        var raw = ReadUInt64();
        var ticks = (long)(raw & 0x3FFFFFFFFFFFFFFFUL);
        if (ticks > DateTime.MaxValue.Ticks)
        {
            throw new ProcessSerializationException($"Invalid date and time at offset {start}.", start);
        }

        // MemoryPack copies DateTime's raw field, where 3 in the top bits marks a local time in the
        // ambiguous hour of a daylight-saving change; it is still a local time.
        var kind = (raw >> 62) switch
        {
            0 => DateTimeKind.Unspecified,
            1 => DateTimeKind.Utc,
            _ => DateTimeKind.Local,
        };
        return new DateTime(ticks, kind);
    }

    /// <summary>
    /// Whether <see cref="ReadDateTimeOffset"/> reads the compact 10-byte form that user data had in
    /// checkpoints before format version 4; readers of members inherit it.
    /// </summary>
    internal bool ReadsCompactDateTimeOffsets
    {
        readonly get => _compactDateTimeOffsets;
        set => _compactDateTimeOffsets = value;
    }

    /// <summary>Reads a date, time and offset as MemoryPack writes it on .NET 10 (16 bytes: offset minutes as <c>int32</c>, 4 bytes of padding, UTC ticks).</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        if (_compactDateTimeOffsets)
        {
            return ReadCompactDateTimeOffset();
        }

        var start = Offset;
        var minutes = ReadInt32();
        // Padding: whatever MemoryPack copied from memory, never a value.
        Skip(4);
        // The raw DateTime field: ticks below the two kind bits (DateTimeOffset keeps it Unspecified).
        var utcTicks = (long)(ReadUInt64() & 0x3FFFFFFFFFFFFFFFUL);
        try
        {
            var offset = TimeSpan.FromMinutes(minutes);
            return new DateTimeOffset(new DateTime(utcTicks, DateTimeKind.Unspecified) + offset, offset);
        }
        catch (ArgumentException exception)
        {
            throw new ProcessSerializationException($"Invalid date, time and offset at offset {start}: {exception.Message}", start);
        }
    }

    /// <summary>Reads the SDK's compact form of a date, time and offset (see <see cref="ProcessWriter.WriteCompactDateTimeOffset"/>).</summary>
    internal DateTimeOffset ReadCompactDateTimeOffset()
    {
        var start = Offset;
        var ticks = ReadInt64();
        var minutes = ReadInt16();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
        }
        catch (ArgumentException exception)
        {
            throw new ProcessSerializationException($"Invalid date, time and offset at offset {start}: {exception.Message}", start);
        }
    }

    /// <summary>Reads a time span.</summary>
    public TimeSpan ReadTimeSpan() => new(ReadInt64());

    /// <summary>Reads a string written in MemoryPack's UTF-8 or UTF-16 form.</summary>
    public string? ReadString()
    {
        // The common case, a well-formed UTF-8 string: both headers (the complement of the byte
        // count, the UTF-16 length) and the bytes checked at once. Anything else (null, empty, the
        // UTF-16 form, a damaged header) takes the member-by-member path, with its errors.
        var remaining = _data.Length - _position;
        if (remaining >= 8)
        {
            ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)(uint)_position);
            var header = Unsafe.ReadUnaligned<int>(ref at);
            var utf16Length = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref at, 4));
            if (!BitConverter.IsLittleEndian)
            {
                header = BinaryPrimitives.ReverseEndianness(header);
                utf16Length = BinaryPrimitives.ReverseEndianness(utf16Length);
            }

            var byteCount = ~header;
            if (header < BinaryFormat.NullLength && byteCount <= remaining - 8 && (uint)utf16Length <= (uint)byteCount)
            {
                var start = Offset;
                _position += 8 + byteCount;
                return DecodeUtf8(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref at, 8), byteCount), utf16Length, start);
            }
        }

        return ReadStringByParts();
    }

    private string? ReadStringByParts()
    {
        var start = Offset;
        var header = ReadInt32();
        if (header == BinaryFormat.NullLength)
        {
            return null;
        }

        if (header == 0)
        {
            return string.Empty;
        }

        if (header > 0)
        {
            // UTF-16 form: the char count, then two bytes per char.
            if (header > Remaining / 2)
            {
                throw new ProcessSerializationException($"A string at offset {start} claims {header} chars but only {Remaining} bytes remain.", start);
            }

            return new string(MemoryMarshal.Cast<byte, char>(Take(header * 2)));
        }

        var byteCount = ~header;
        var utf16Length = ReadInt32();
        if (byteCount > Remaining || utf16Length < 0 || utf16Length > byteCount)
        {
            throw new ProcessSerializationException($"A string at offset {start} claims {byteCount} bytes but only {Remaining} remain.", start);
        }

        return DecodeUtf8(Take(byteCount), utf16Length, start);
    }

    /// <summary>Decodes the bytes of a UTF-8 string whose headers (at offset <paramref name="start"/>) have been checked.</summary>
    // Not inlined: ReadString is inlined into every generated reader, and with the decoding inside
    // it used up the caller's inlining budget, so the fixed-size reads after a string became calls.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, int utf16Length, int start)
    {
        // Decoded straight into a string of the recorded length (one pass, no count first), as
        // MemoryPack does; invalid UTF-8 and a length that does not match the bytes both fail.
        var byteCount = bytes.Length;
        var value = new string('\0', utf16Length);
        var chars = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(value.AsSpan()), utf16Length);
        var status = Utf8.ToUtf16(bytes, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
        if (status == OperationStatus.InvalidData)
        {
            throw new ProcessSerializationException($"A string at offset {start} is not valid UTF-8.", start);
        }

        // The recorded UTF-16 length is redundant with the bytes; a mismatch means the header or
        // the bytes were damaged, so accepting the string would hide corruption.
        if (status != OperationStatus.Done || bytesRead != byteCount || charsWritten != utf16Length)
        {
            var decoded = status == OperationStatus.Done ? charsWritten : DecodedLength(bytes, start);
            throw new ProcessSerializationException(
                $"A string at offset {start} claims {utf16Length} UTF-16 chars but its bytes decode to {decoded}.", start);
        }

        return value;
    }

    /// <summary>Reads a length-prefixed byte array (<c>-1</c> for null).</summary>
    public byte[]? ReadBytes()
    {
        var count = ReadLength(1);
        return count < 0 ? null : Take(count).ToArray();
    }

    /// <summary>Reads an array of an unmanaged type written by <see cref="ProcessWriter.WriteUnmanagedArray{T}"/>.</summary>
    public T[]? ReadUnmanagedArray<T>()
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var count = ReadLength(size);
        if (count < 0)
        {
            return null;
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Raw unmanaged arrays are read little-endian; this machine is big-endian.");
        }

        return MemoryMarshal.Cast<byte, T>(Take(count * size)).ToArray();
    }

    /// <summary>
    /// Reads an object header. Returns false for a null object; otherwise the member count the
    /// writer recorded (a reader fills members it does not find with defaults).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadObjectHeader(out byte memberCount)
    {
        memberCount = ReadByte();
        if (memberCount < BinaryFormat.NullObject - 5)
        {
            return true;
        }

        if (memberCount == BinaryFormat.NullObject)
        {
            return false;
        }

        ThrowInvalidObjectHeader(memberCount);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowInvalidObjectHeader(byte memberCount) =>
        throw new ProcessSerializationException($"Invalid object header {memberCount} at offset {Offset - 1}.", Offset - 1);

    /// <summary>
    /// Reads a collection header. Returns false for a null collection. The count is checked
    /// against the remaining bytes, assuming each element takes at least
    /// <paramref name="minimumElementSize"/> bytes.
    /// </summary>
    public bool TryReadCollectionHeader(out int count, int minimumElementSize = 1)
    {
        count = ReadLength(minimumElementSize);
        return count >= 0;
    }

    /// <summary>
    /// Reads a nullable value's has-value byte and padding (see
    /// <see cref="ProcessWriter.WriteNullableHeader"/>). When false, the caller skips the value's bytes.
    /// </summary>
    public bool ReadNullableHeader(int alignment)
    {
        var hasValue = ReadBoolean();
        Skip(alignment - 1);
        return hasValue;
    }

    /// <summary>Reads the member count of a name-keyed, version-tolerant section.</summary>
    public int ReadSectionHeader()
    {
        // Each member has at least a 4-byte name header and a 4-byte length.
        var count = ReadLength(8);
        if (count < 0)
        {
            throw new ProcessSerializationException($"A section header at offset {Offset - 4} is null.", Offset - 4);
        }

        return count;
    }

    /// <summary>Reads the name of a member of a version-tolerant section.</summary>
    public string ReadMemberName() =>
        ReadString() ?? throw new ProcessSerializationException($"A member name at offset {Offset - 4} is null.", Offset - 4);

    /// <summary>
    /// Reads a length-prefixed value and returns a reader over exactly its bytes; this reader moves
    /// past it, so an unknown member is skipped by simply not reading the returned reader.
    /// </summary>
    public ProcessReader ReadLengthPrefixed()
    {
        var length = ReadLength(1);
        if (length < 0)
        {
            throw new ProcessSerializationException($"A member length at offset {Offset - 4} is negative.", Offset - 4);
        }

        var start = Offset;
        return new ProcessReader(Take(length), start) { _compactDateTimeOffsets = _compactDateTimeOffsets };
    }

    /// <summary>Fails unless every byte has been read (a member must consume exactly its bytes).</summary>
    public readonly void EnsureAtEnd()
    {
        if (!IsAtEnd)
        {
            throw new ProcessSerializationException($"{Remaining} unexpected byte(s) at offset {Offset}.", Offset);
        }
    }

    private int ReadLength(int minimumElementSize)
    {
        var start = Offset;
        var count = ReadInt32();
        if (count == BinaryFormat.NullLength)
        {
            return -1;
        }

        if (count < 0)
        {
            throw new ProcessSerializationException($"Invalid length {count} at offset {start}.", start);
        }

        if ((long)count * Math.Max(minimumElementSize, 0) > Remaining)
        {
            throw new ProcessSerializationException(
                $"A length of {count} at offset {start} exceeds the {Remaining} byte(s) that remain.", start);
        }

        return count;
    }

    /// <summary>The UTF-16 length of <paramref name="bytes"/>, for the message of a damaged string.</summary>
    private static int DecodedLength(ReadOnlySpan<byte> bytes, int start)
    {
        try
        {
            return StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProcessSerializationException($"A string at offset {start} is not valid UTF-8.", start);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
