using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Processes.Ports;
using Processes.Generated;
using Processes.Serialization.Codecs;

namespace Processes.Serialization;

// Helpers the generated serializers call, so each member reads in one line.
public ref partial struct ProcessReader
{
    /// <summary>
    /// Reads the name of the next member of a name-keyed section and returns a reader over exactly
    /// its value's bytes. A damaged length fails with the member path <c>section.name</c>.
    /// Not for use in user code.
    /// </summary>
    /// <param name="section">The section's path (<c>inputs</c>, <c>outputs</c> or <c>state</c>), for errors.</param>
    /// <param name="name">The member's name.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ProcessReader ReadSectionMember(string section, out string name)
    {
        name = ReadMemberName();
        try
        {
            return ReadLengthPrefixed();
        }
        catch (ProcessSerializationException exception)
        {
            throw exception.WithMemberPath(PortPath.Join(section, name));
        }
    }

    /// <summary>
    /// Reads a name-keyed section into <paramref name="target"/>: for each member,
    /// <paramref name="readMember"/> reads it and returns true, or returns false for a name it does
    /// not know (the member is skipped). A known member must consume exactly its bytes. Any error
    /// carries the member path <c>section.name</c>. Not for use in user code.
    /// </summary>
    /// <typeparam name="TTarget">The object the members are read into.</typeparam>
    /// <param name="section">The section's path (<c>outputs</c> or <c>state</c>), for errors.</param>
    /// <param name="target">The object the members are read into.</param>
    /// <param name="readMember">Reads one member by name (generated: one switch case per member).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ReadSection<TTarget>(string section, TTarget target, SectionMemberReader<TTarget> readMember)
    {
        for (var memberCount = ReadSectionHeader(); memberCount > 0; memberCount--)
        {
            var member = ReadSectionMember(section, out var memberName);
            try
            {
                if (readMember(target, memberName, ref member))
                {
                    member.EnsureAtEnd();
                }
            }
            catch (ProcessSerializationException exception)
            {
                throw exception.WithMemberPath(PortPath.Join(section, memberName));
            }
        }
    }

    /// <summary>Reads a value with a codec. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T Read<T, TCodec>()
        where TCodec : IValueCodec<T> =>
        TCodec.Read(ref this);

    /// <summary>Reads a nullable value written by <see cref="ProcessWriter.WriteNullable{T, TCodec}"/>. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T? ReadNullable<T, TCodec>()
        where T : struct
        where TCodec : IUnmanagedValueCodec<T>
    {
        if (ReadNullableHeader(TCodec.Alignment))
        {
            return TCodec.Read(ref this);
        }

        Skip(TCodec.MinimumSize);
        return null;
    }

    /// <summary>Reads a collection (count, then each element; null for -1) into a list. Not for use in user code.</summary>
    // Inlined into the generated caller, where T and TCodec are exact: in a shared instantiation (T a
    // class) each element's static codec call would be resolved through the generic dictionary.
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public List<T>? ReadList<T, TCodec>()
        where TCodec : IValueCodec<T>
    {
        if (!TryReadCollectionHeader(out var count, TCodec.MinimumSize))
        {
            return null;
        }

        if (TCodec.IsRawCopy && BitConverter.IsLittleEndian)
        {
            var raw = UninitializedLists.Create<T>(count);
            ReadRawElements(CollectionsMarshal.AsSpan(raw));
            return raw;
        }

        // Filled in place: no capacity check per element as List.Add would do.
        var list = new List<T>(count);
        CollectionsMarshal.SetCount(list, count);
        var items = CollectionsMarshal.AsSpan(list);
        for (var index = 0; index < items.Length; index++)
        {
            items[index] = TCodec.Read(ref this);
        }

        return list;
    }

    /// <summary>Reads a collection (count, then each element; null for -1) into an array. Not for use in user code.</summary>
    // Inlined into the generated caller, where T and TCodec are exact: in a shared instantiation (T a
    // class) each element's static codec call would be resolved through the generic dictionary.
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T[]? ReadArray<T, TCodec>()
        where TCodec : IValueCodec<T>
    {
        if (!TryReadCollectionHeader(out var count, TCodec.MinimumSize))
        {
            return null;
        }

        if (TCodec.IsRawCopy && BitConverter.IsLittleEndian)
        {
            var raw = GC.AllocateUninitializedArray<T>(count);
            ReadRawElements<T>(raw);
            return raw;
        }

        var array = GC.AllocateArray<T>(count);
        for (var index = 0; index < array.Length; index++)
        {
            array[index] = TCodec.Read(ref this);
        }

        return array;
    }

    /// <summary>Fills <paramref name="destination"/> with the next bytes as one block (the elements of a raw-copy codec, see <see cref="IValueCodec{T}.IsRawCopy"/>).</summary>
    private void ReadRawElements<T>(Span<T> destination)
    {
        var source = Take(checked(destination.Length * Unsafe.SizeOf<T>()));
        source.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)), source.Length));
    }

    /// <summary>Reads a collection (count, then each element; null for -1) into a hash set. Not for use in user code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public HashSet<T>? ReadHashSet<T, TCodec>()
        where TCodec : IValueCodec<T>
    {
        if (!TryReadCollectionHeader(out var count, TCodec.MinimumSize))
        {
            return null;
        }

        var set = new HashSet<T>(count);
        for (var index = 0; index < count; index++)
        {
            set.Add(TCodec.Read(ref this));
        }

        return set;
    }

    /// <summary>
    /// Reads a dictionary (count, then each key and value; null for -1). A null or repeated key is
    /// an error. Not for use in user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Dictionary<TKey, TValue>? ReadDictionary<TKey, TValue, TKeyCodec, TValueCodec>()
        where TKey : notnull
        where TKeyCodec : IValueCodec<TKey>
        where TValueCodec : IValueCodec<TValue>
    {
        if (!TryReadCollectionHeader(out var count, TKeyCodec.MinimumSize + TValueCodec.MinimumSize))
        {
            return null;
        }

        var dictionary = new Dictionary<TKey, TValue>(count);
        for (var index = 0; index < count; index++)
        {
            var key = TKeyCodec.Read(ref this);
            if (key is null)
            {
                throw new ProcessSerializationException("A dictionary key is null.", Offset);
            }

            if (!dictionary.TryAdd(key, TValueCodec.Read(ref this)))
            {
                throw new ProcessSerializationException("A dictionary key appears twice.", Offset);
            }
        }

        return dictionary;
    }
}
