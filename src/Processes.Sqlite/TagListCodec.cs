using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Processes.Sqlite;

/// <summary>
/// Encodes a checkpoint's tag list, in order, as one blob kept beside the row (so listing reads
/// tags without a join): an int32 count, then per tag an int32 UTF-8 byte length and the bytes,
/// all little-endian. The <c>tags</c> table holds the same tags one per row, for the tag index.
/// </summary>
internal static class TagListCodec
{
    public static byte[] Encode(IReadOnlyList<string> tags)
    {
        var size = 4;
        foreach (var tag in tags)
        {
            size += 4 + Encoding.UTF8.GetByteCount(tag);
        }

        var buffer = new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, tags.Count);
        var offset = 4;
        foreach (var tag in tags)
        {
            var length = Encoding.UTF8.GetBytes(tag, buffer.AsSpan(offset + 4));
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset), length);
            offset += 4 + length;
        }

        return buffer;
    }

    /// <summary>Decodes <paramref name="blob"/>; null when it is malformed.</summary>
    public static string[]? Decode(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(blob);
        if (count < 0 || count > (blob.Length - 4) / 4)
        {
            return null;
        }

        if (count == 0)
        {
            return blob.Length == 4 ? Array.Empty<string>() : null;
        }

        var tags = new string[count];
        var rest = blob[4..];
        for (var index = 0; index < count; index++)
        {
            if (rest.Length < 4)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(rest);
            if (length < 0 || length > rest.Length - 4)
            {
                return null;
            }

            tags[index] = Encoding.UTF8.GetString(rest.Slice(4, length));
            rest = rest[(4 + length)..];
        }

        return rest.IsEmpty ? tags : null;
    }
}
