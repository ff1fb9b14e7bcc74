using System.Collections.Generic;
using System.ComponentModel;

// These codecs handle reference types. They are declared without nullable annotations (oblivious)
// on purpose: one codec then serves both `string` and `string?` (or `List<T>` and `List<T>?`) in
// generated code that has nullable warnings on, as the format itself does (-1 stands for null).
#nullable disable

namespace Processes.Serialization.Codecs;

/// <summary>The codec of <see cref="string"/> (MemoryPack's UTF-8 form; -1 for null). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StringCodec : IValueCodec<string>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, string value) => writer.WriteString(value);

    /// <inheritdoc />
    public static string Read(ref ProcessReader reader) => reader.ReadString();
}

/// <summary>The codec of a byte array (length, then the bytes; -1 for null). Not for use in user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BytesCodec : IValueCodec<byte[]>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, byte[] value) => writer.WriteBytes(value);

    /// <inheritdoc />
    public static byte[] Read(ref ProcessReader reader) => reader.ReadBytes();
}

/// <summary>The codec of an array of an unmanaged primitive or enum, written as raw bytes. Not for use in user code.</summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct UnmanagedArrayCodec<T> : IValueCodec<T[]>
    where T : unmanaged
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, T[] value) => writer.WriteUnmanagedArray(value);

    /// <inheritdoc />
    public static T[] Read(ref ProcessReader reader) => reader.ReadUnmanagedArray<T>();
}

/// <summary>The codec of a <c>[ProcessData]</c> or <c>[PortNamespace]</c> type, through its generated serializer. Not for use in user code.</summary>
/// <typeparam name="T">The data type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DataCodec<T> : IValueCodec<T>
    where T : IProcessData<T>
{
    /// <inheritdoc />
    public static int MinimumSize => 1;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, T value) => T.Write(writer, value);

    /// <inheritdoc />
    public static T Read(ref ProcessReader reader) => T.Read(ref reader);
}

/// <summary>The codec of an array of any element type: count (-1 for null), then each element. Not for use in user code.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TCodec">The element codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ArrayCodec<T, TCodec> : IValueCodec<T[]>
    where TCodec : IValueCodec<T>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, T[] value) => writer.WriteCollection<T, TCodec>(value);

    /// <inheritdoc />
    public static T[] Read(ref ProcessReader reader) => reader.ReadArray<T, TCodec>();
}

/// <summary>The codec of a <see cref="List{T}"/>: count (-1 for null), then each element. Not for use in user code.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TCodec">The element codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ListCodec<T, TCodec> : IValueCodec<List<T>>
    where TCodec : IValueCodec<T>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, List<T> value) => writer.WriteCollection<T, TCodec>(value);

    /// <inheritdoc />
    public static List<T> Read(ref ProcessReader reader) => reader.ReadList<T, TCodec>();
}

/// <summary>The codec of a <see cref="HashSet{T}"/>: count (-1 for null), then each element. Not for use in user code.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TCodec">The element codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct HashSetCodec<T, TCodec> : IValueCodec<HashSet<T>>
    where TCodec : IValueCodec<T>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, HashSet<T> value) => writer.WriteCollection<T, TCodec>(value);

    /// <inheritdoc />
    public static HashSet<T> Read(ref ProcessReader reader) => reader.ReadHashSet<T, TCodec>();
}

/// <summary>
/// The codec of a collection declared as an interface (<see cref="IEnumerable{T}"/>,
/// <see cref="IReadOnlyList{T}"/>, <see cref="ICollection{T}"/>…): count (-1 for null), then each
/// element; read into a <see cref="List{T}"/>. Not for use in user code.
/// </summary>
/// <typeparam name="TCollection">The declared interface type, which <see cref="List{T}"/> implements.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TCodec">The element codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SequenceCodec<TCollection, T, TCodec> : IValueCodec<TCollection>
    where TCollection : class, IEnumerable<T>
    where TCodec : IValueCodec<T>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, TCollection value) => writer.WriteCollection<T, TCodec>(value);

    /// <inheritdoc />
    public static TCollection Read(ref ProcessReader reader) => (TCollection)(object)reader.ReadList<T, TCodec>();
}

/// <summary>The codec of a <see cref="Dictionary{TKey, TValue}"/>: count (-1 for null), then each key and value. Not for use in user code.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <typeparam name="TKeyCodec">The key codec.</typeparam>
/// <typeparam name="TValueCodec">The value codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DictionaryCodec<TKey, TValue, TKeyCodec, TValueCodec> : IValueCodec<Dictionary<TKey, TValue>>
    where TKeyCodec : IValueCodec<TKey>
    where TValueCodec : IValueCodec<TValue>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, Dictionary<TKey, TValue> value) => writer.WriteDictionary<TKey, TValue, TKeyCodec, TValueCodec>(value);

    /// <inheritdoc />
    public static Dictionary<TKey, TValue> Read(ref ProcessReader reader) => reader.ReadDictionary<TKey, TValue, TKeyCodec, TValueCodec>();
}

/// <summary>
/// The codec of a dictionary declared as <see cref="IDictionary{TKey, TValue}"/> or
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/>; read into a <see cref="Dictionary{TKey, TValue}"/>.
/// Not for use in user code.
/// </summary>
/// <typeparam name="TDictionary">The declared interface type, which <see cref="Dictionary{TKey, TValue}"/> implements.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <typeparam name="TKeyCodec">The key codec.</typeparam>
/// <typeparam name="TValueCodec">The value codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct MapCodec<TDictionary, TKey, TValue, TKeyCodec, TValueCodec> : IValueCodec<TDictionary>
    where TDictionary : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKeyCodec : IValueCodec<TKey>
    where TValueCodec : IValueCodec<TValue>
{
    /// <inheritdoc />
    public static int MinimumSize => 4;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, TDictionary value) => writer.WriteDictionary<TKey, TValue, TKeyCodec, TValueCodec>(value);

    /// <inheritdoc />
    public static TDictionary Read(ref ProcessReader reader) => (TDictionary)(object)reader.ReadDictionary<TKey, TValue, TKeyCodec, TValueCodec>();
}

#nullable restore

/// <summary>
/// The codec of a nullable reference to a <c>[ProcessData]</c> or <c>[PortNamespace]</c> class
/// (an element declared <c>T?</c>), through its generated serializer. Not for use in user code.
/// </summary>
/// <typeparam name="T">The data class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NullableDataCodec<T> : IValueCodec<T?>
    where T : class, IProcessData<T>
{
    /// <inheritdoc />
    public static int MinimumSize => 1;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, T? value) => T.Write(writer, value);

    /// <inheritdoc />
    public static T? Read(ref ProcessReader reader) => T.Read(ref reader);
}
