using System.ComponentModel;

namespace Processes.Serialization.Codecs;

/// <summary>
/// Writes and reads one value of <typeparamref name="T"/> in the binary format, through static
/// members so generic helpers (<see cref="ProcessReader.ReadList{T, TCodec}"/>,
/// <see cref="ProcessWriter.WriteCollection{T, TCodec}(System.Collections.Generic.List{T})"/>…)
/// are specialized per element type with no reflection or virtual calls. Generated serializers
/// name a codec for each collection element, dictionary key and value, and nullable value. Not for
/// use in user code.
/// </summary>
/// <typeparam name="T">The value type the codec handles.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IValueCodec<T>
{
    /// <summary>
    /// The fewest bytes a value takes; a collection count read from input is checked against the
    /// remaining bytes with it before anything is allocated.
    /// </summary>
    static abstract int MinimumSize { get; }

    /// <summary>
    /// True when a value's bytes are exactly its in-memory bytes on a little-endian machine (no
    /// validation on read, size <see cref="MinimumSize"/>): a list or array of such values is then
    /// copied as one block instead of element by element. The bytes are the same either way.
    /// </summary>
    static virtual bool IsRawCopy => false;

    /// <summary>Writes <paramref name="value"/>.</summary>
    static abstract void Write(ProcessWriter writer, T value);

    /// <summary>Reads a value written by <see cref="Write"/>.</summary>
    static abstract T Read(ref ProcessReader reader);
}

/// <summary>
/// A codec of an unmanaged value with a fixed size (<see cref="IValueCodec{T}.MinimumSize"/>),
/// which a nullable value lays out as in memory: the has-value byte, padding up to
/// <see cref="Alignment"/>, then the value. Not for use in user code.
/// </summary>
/// <typeparam name="T">The value type the codec handles.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IUnmanagedValueCodec<T> : IValueCodec<T>
    where T : struct
{
    /// <summary>The value's natural alignment in bytes.</summary>
    static abstract int Alignment { get; }
}
