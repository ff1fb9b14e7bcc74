using System;
using System.Collections.Generic;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Processes.Serialization.Codecs;

namespace Processes.Serialization;

// Helpers the generated serializers call, so each member writes in one line. The bytes are those
// of WriteMemberName + BeginLengthPrefixed + the value + EndLengthPrefixed; a fixed-size value's
// length is written up front.
public sealed partial class ProcessWriter
{
    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, bool value)
    {
        WriteMemberName(name);
        WriteInt32(1);
        WriteBoolean(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, byte value)
    {
        WriteMemberName(name);
        WriteInt32(1);
        WriteByte(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, sbyte value)
    {
        WriteMemberName(name);
        WriteInt32(1);
        WriteSByte(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, short value)
    {
        WriteMemberName(name);
        WriteInt32(2);
        WriteInt16(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, ushort value)
    {
        WriteMemberName(name);
        WriteInt32(2);
        WriteUInt16(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, char value)
    {
        WriteMemberName(name);
        WriteInt32(2);
        WriteChar(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, int value)
    {
        WriteMemberName(name);
        WriteInt32(4);
        WriteInt32(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, uint value)
    {
        WriteMemberName(name);
        WriteInt32(4);
        WriteUInt32(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, float value)
    {
        WriteMemberName(name);
        WriteInt32(4);
        WriteSingle(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, long value)
    {
        WriteMemberName(name);
        WriteInt32(8);
        WriteInt64(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, ulong value)
    {
        WriteMemberName(name);
        WriteInt32(8);
        WriteUInt64(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, double value)
    {
        WriteMemberName(name);
        WriteInt32(8);
        WriteDouble(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, decimal value)
    {
        WriteMemberName(name);
        WriteInt32(16);
        WriteDecimal(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, DateTime value)
    {
        WriteMemberName(name);
        WriteInt32(8);
        WriteDateTime(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, Guid value)
    {
        WriteMemberName(name);
        WriteInt32(16);
        WriteGuid(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, TimeSpan value)
    {
        WriteMemberName(name);
        WriteInt32(8);
        WriteTimeSpan(value);
    }

    /// <summary>Writes a member of a version-tolerant section: its name, then the value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, DateTimeOffset value)
    {
        WriteMemberName(name);
        WriteInt32(16);
        WriteDateTimeOffset(value);
    }
    /// <summary>Writes a string member of a version-tolerant section, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, string? value)
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteString(value);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a byte-array member of a version-tolerant section, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember(string name, byte[]? value)
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteBytes(value);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding an array of an unmanaged type (raw bytes), length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteMember<T>(string name, T[]? value)
        where T : unmanaged
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteUnmanagedArray(value);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a <c>[ProcessData]</c> or <c>[PortNamespace]</c> value, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteDataMember<T>(string name, T? value)
        where T : IProcessData<T>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        T.Write(this, value);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a value through its codec, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteValueMember<T, TCodec>(string name, T value)
        where TCodec : IValueCodec<T>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        TCodec.Write(this, value);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a nullable unmanaged value (see <see cref="WriteNullable{T, TCodec}"/>), length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteNullableMember<T, TCodec>(string name, T? value)
        where T : struct
        where TCodec : IUnmanagedValueCodec<T>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteNullable<T, TCodec>(value);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a list, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteCollectionMember<T, TCodec>(string name, List<T>? items)
        where TCodec : IValueCodec<T>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteCollection<T, TCodec>(items);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding an array, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteCollectionMember<T, TCodec>(string name, T[]? items)
        where TCodec : IValueCodec<T>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteCollection<T, TCodec>(items);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a hash set, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteCollectionMember<T, TCodec>(string name, HashSet<T>? items)
        where TCodec : IValueCodec<T>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteCollection<T, TCodec>(items);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a collection declared as an interface, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteCollectionMember<T, TCodec>(string name, IEnumerable<T>? items)
        where TCodec : IValueCodec<T>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteCollection<T, TCodec>(items);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a dictionary, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteDictionaryMember<TKey, TValue, TKeyCodec, TValueCodec>(string name, Dictionary<TKey, TValue>? entries)
        where TKey : notnull
        where TKeyCodec : IValueCodec<TKey>
        where TValueCodec : IValueCodec<TValue>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteDictionary<TKey, TValue, TKeyCodec, TValueCodec>(entries);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a member holding a dictionary declared as an interface, length-prefixed. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteDictionaryMember<TKey, TValue, TKeyCodec, TValueCodec>(string name, IEnumerable<KeyValuePair<TKey, TValue>>? entries)
        where TKeyCodec : IValueCodec<TKey>
        where TValueCodec : IValueCodec<TValue>
    {
        WriteMemberName(name);
        var mark = BeginLengthPrefixed();
        WriteDictionary<TKey, TValue, TKeyCodec, TValueCodec>(entries);
        EndLengthPrefixed(mark);
    }

    /// <summary>Writes a value with a codec. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Write<T, TCodec>(T value)
        where TCodec : IValueCodec<T> =>
        TCodec.Write(this, value);

    /// <summary>
    /// Writes a nullable unmanaged value in its raw struct layout: the has-value byte, padding up to
    /// the value's alignment, then the value (zeros when there is none). Not for use in user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteNullable<T, TCodec>(T? value)
        where T : struct
        where TCodec : IUnmanagedValueCodec<T>
    {
        if (value is { } present)
        {
            WriteNullableHeader(true, TCodec.Alignment);
            TCodec.Write(this, present);
        }
        else
        {
            WriteNullableHeader(false, TCodec.Alignment);
            WriteZeros(TCodec.MinimumSize);
        }
    }

    /// <summary>Writes a list: its count (-1 for null), then each element. Not for use in user code.</summary>
    // Inlined into the generated caller, where T and TCodec are exact: in a shared instantiation (T a
    // class) each element's static codec call would be resolved through the generic dictionary.
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteCollection<T, TCodec>(List<T>? items)
        where TCodec : IValueCodec<T>
    {
        if (items is null)
        {
            WriteNullCollectionHeader();
            return;
        }

        if (TCodec.IsRawCopy && BitConverter.IsLittleEndian)
        {
            WriteRawElements<T>(CollectionsMarshal.AsSpan(items));
            return;
        }

        WriteCollectionHeader(items.Count);
        foreach (var item in CollectionsMarshal.AsSpan(items))
        {
            TCodec.Write(this, item);
        }
    }

    /// <summary>Writes an array: its length (-1 for null), then each element. Not for use in user code.</summary>
    // Inlined into the generated caller, where T and TCodec are exact: in a shared instantiation (T a
    // class) each element's static codec call would be resolved through the generic dictionary.
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteCollection<T, TCodec>(T[]? items)
        where TCodec : IValueCodec<T>
    {
        if (items is null)
        {
            WriteNullCollectionHeader();
            return;
        }

        if (TCodec.IsRawCopy && BitConverter.IsLittleEndian)
        {
            WriteRawElements<T>(items);
            return;
        }

        WriteCollectionHeader(items.Length);
        foreach (var item in items)
        {
            TCodec.Write(this, item);
        }
    }

    /// <summary>
    /// Writes the count, then the elements' in-memory bytes as one block: the bytes a raw-copy codec
    /// (<see cref="IValueCodec{T}.IsRawCopy"/>) writes element by element, on a little-endian machine.
    /// </summary>
    private void WriteRawElements<T>(ReadOnlySpan<T> items)
    {
        var byteCount = checked(items.Length * Unsafe.SizeOf<T>());
        EnsureCapacity(4 + byteCount);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_position), items.Length);
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(items)), byteCount)
            .CopyTo(_buffer.AsSpan(_position + 4));
        _position += 4 + byteCount;
    }

    /// <summary>Writes a hash set: its count (-1 for null), then each element. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteCollection<T, TCodec>(HashSet<T>? items)
        where TCodec : IValueCodec<T>
    {
        if (items is null)
        {
            WriteNullCollectionHeader();
            return;
        }

        WriteCollectionHeader(items.Count);
        foreach (var item in items)
        {
            TCodec.Write(this, item);
        }
    }

    /// <summary>
    /// Writes a collection declared as an interface: its count (-1 for null), then each element.
    /// One with no count (a plain <see cref="IEnumerable{T}"/>) is copied into a list first. Not
    /// for use in user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteCollection<T, TCodec>(IEnumerable<T>? items)
        where TCodec : IValueCodec<T>
    {
        switch (items)
        {
            case null:
                WriteNullCollectionHeader();
                return;
            case List<T> list:
                WriteCollection<T, TCodec>(list);
                return;
            case T[] array:
                WriteCollection<T, TCodec>(array);
                return;
            case ICollection<T> collection:
                WriteCollectionHeader(collection.Count);
                break;
            case IReadOnlyCollection<T> collection:
                WriteCollectionHeader(collection.Count);
                break;
            default:
                WriteCollection<T, TCodec>(new List<T>(items));
                return;
        }

        foreach (var item in items)
        {
            TCodec.Write(this, item);
        }
    }

    /// <summary>Writes a dictionary: its count (-1 for null), then each key and value. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteDictionary<TKey, TValue, TKeyCodec, TValueCodec>(Dictionary<TKey, TValue>? entries)
        where TKey : notnull
        where TKeyCodec : IValueCodec<TKey>
        where TValueCodec : IValueCodec<TValue>
    {
        if (entries is null)
        {
            WriteNullCollectionHeader();
            return;
        }

        WriteCollectionHeader(entries.Count);
        foreach (var entry in entries)
        {
            TKeyCodec.Write(this, entry.Key);
            TValueCodec.Write(this, entry.Value);
        }
    }

    /// <summary>
    /// Writes a dictionary declared as an interface (<see cref="IDictionary{TKey, TValue}"/>,
    /// <see cref="IReadOnlyDictionary{TKey, TValue}"/>): its count (-1 for null), then each key and
    /// value. Not for use in user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteDictionary<TKey, TValue, TKeyCodec, TValueCodec>(IEnumerable<KeyValuePair<TKey, TValue>>? entries)
        where TKeyCodec : IValueCodec<TKey>
        where TValueCodec : IValueCodec<TValue>
    {
        switch (entries)
        {
            case null:
                WriteNullCollectionHeader();
                return;
            case ICollection<KeyValuePair<TKey, TValue>> collection:
                WriteCollectionHeader(collection.Count);
                break;
            case IReadOnlyCollection<KeyValuePair<TKey, TValue>> collection:
                WriteCollectionHeader(collection.Count);
                break;
            default:
                entries = new List<KeyValuePair<TKey, TValue>>(entries);
                WriteCollectionHeader(((List<KeyValuePair<TKey, TValue>>)entries).Count);
                break;
        }

        foreach (var entry in entries)
        {
            TKeyCodec.Write(this, entry.Key);
            TValueCodec.Write(this, entry.Value);
        }
    }
}
