using System.Collections.Generic;
using System.ComponentModel;
using Processes.Serialization.Codecs;

namespace Processes.Serialization;

// Helpers for get-only collection members of [ProcessData] types: the collection the type's
// initializer created is cleared and refilled, since a get-only property cannot be assigned.
public ref partial struct ProcessReader
{
    /// <summary>
    /// Reads a collection (count, then each element) into an existing collection: clears it, then
    /// adds each element. A null collection (-1) leaves it empty. Not for use in user code.
    /// </summary>
    /// <exception cref="ProcessSerializationException">The data holds elements but <paramref name="target"/> is null.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ReadInto<T, TCodec>(ICollection<T>? target)
        where TCodec : IValueCodec<T>
    {
        var start = Offset;
        var hasItems = TryReadCollectionHeader(out var count, TCodec.MinimumSize);
        if (target is null)
        {
            if (hasItems && count > 0)
            {
                throw new ProcessSerializationException("A get-only collection is null, so its elements cannot be read into it; initialize it in its declaration.", start);
            }

            return;
        }

        target.Clear();
        for (var index = 0; index < count; index++)
        {
            target.Add(TCodec.Read(ref this));
        }
    }

    /// <summary>
    /// Reads a dictionary (count, then each key and value) into an existing dictionary: clears it,
    /// then adds each entry. A null or repeated key is an error; a null dictionary (-1) leaves it
    /// empty. Not for use in user code.
    /// </summary>
    /// <exception cref="ProcessSerializationException">The data holds entries but <paramref name="target"/> is null, or a key is null or repeated.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ReadIntoDictionary<TKey, TValue, TKeyCodec, TValueCodec>(IDictionary<TKey, TValue>? target)
        where TKey : notnull
        where TKeyCodec : IValueCodec<TKey>
        where TValueCodec : IValueCodec<TValue>
    {
        var start = Offset;
        var hasEntries = TryReadCollectionHeader(out var count, TKeyCodec.MinimumSize + TValueCodec.MinimumSize);
        if (target is null)
        {
            if (hasEntries && count > 0)
            {
                throw new ProcessSerializationException("A get-only dictionary is null, so its entries cannot be read into it; initialize it in its declaration.", start);
            }

            return;
        }

        target.Clear();
        for (var index = 0; index < count; index++)
        {
            var key = TKeyCodec.Read(ref this);
            if (key is null)
            {
                throw new ProcessSerializationException("A dictionary key is null.", Offset);
            }

            if (target.ContainsKey(key))
            {
                throw new ProcessSerializationException("A dictionary key appears twice.", Offset);
            }

            target.Add(key, TValueCodec.Read(ref this));
        }
    }
}
