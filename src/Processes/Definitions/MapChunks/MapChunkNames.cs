using System;
using System.Diagnostics.CodeAnalysis;

namespace Processes.Runtime;

/// <summary>The registered name of a map chunk type and the child keys of a chunked fan-out.</summary>
internal static class MapChunkNames
{
    private const string Prefix = "map-chunk:";

    /// <summary>The chunk type of items named <paramref name="itemName"/>.</summary>
    public static string For(string itemName) => Prefix + itemName;

    /// <summary>True (with the item type's name) when <paramref name="name"/> names a chunk type.</summary>
    public static bool TryGetItemName(string name, [NotNullWhen(true)] out string? itemName)
    {
        itemName = name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length ? name[Prefix.Length..] : null;
        return itemName is not null;
    }

    /// <summary>The key of chunk <paramref name="index"/> of the fan-out under <paramref name="key"/>; distinct from an unchunked item's <c>key[i]</c>.</summary>
    public static string ChunkKey(string key, int index) =>
        key + "/chunk[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
