using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// The last few distinct strings read, with their encodings: a worker connection reads the same
/// process names request after request, and this returns the instance it already has instead of
/// decoding a new one each time. Not thread-safe: one per read loop.
/// </summary>
internal sealed class RecentStrings(int capacity)
{
    private readonly EncodedString?[] _entries = new EncodedString?[capacity];
    private int _next;

    /// <summary>Reads a string that must not be null, as <see cref="WireCodec.ReadRequiredString"/> does.</summary>
    public string ReadRequired(ref ProcessReader reader, string what)
    {
        foreach (var entry in _entries)
        {
            if (entry is null)
            {
                break;
            }

            if (entry.TrySkip(ref reader))
            {
                return entry.Value;
            }
        }

        var value = WireCodec.ReadRequiredString(ref reader, what);
        _entries[_next] = new EncodedString(value);
        _next = (_next + 1) % _entries.Length;
        return value;
    }
}
