using System;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Processes.Checkpoints;

namespace Processes.Sqlite;

/// <summary>How ids, times and checkpoint descriptions map to columns, both ways.</summary>
internal static class SqliteRows
{
    /// <summary>
    /// The description columns of a <c>checkpoints</c> or <c>history</c> row, in the order
    /// <see cref="ReadInfo"/> reads them; <c>data</c> is never among them.
    /// </summary>
    public const string InfoColumns = "id, process_name, state, paused, tags, saved_at_ticks, saved_at_offset_minutes, parent_id, sequence";

    /// <summary>
    /// An id as stored: lowercase <c>D</c> format, whose ordinal order is <see cref="Guid"/>'s
    /// order, so <c>ORDER BY id</c> matches the in-memory store.
    /// </summary>
    public static string IdText(ProcessId id) => id.Value.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>The UTC ticks stored for <paramref name="time"/> (compared and indexed).</summary>
    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    /// <summary>The offset stored beside the ticks, in minutes, so the original offset comes back.</summary>
    public static int OffsetMinutes(DateTimeOffset time) => (int)(time.Offset.Ticks / TimeSpan.TicksPerMinute);

    /// <summary>Reads the columns of <see cref="InfoColumns"/> at ordinals 0–8.</summary>
    public static CheckpointInfo ReadInfo(SqliteDataReader reader, string path)
    {
        var idText = reader.GetString(0);
        if (!Guid.TryParseExact(idText, "D", out var guid))
        {
            throw Damaged(path, idText, "its id is not a GUID");
        }

        var id = new ProcessId(guid);
        var state = (ProcessState)reader.GetInt64(2);
        if (!Enum.IsDefined(state))
        {
            throw Damaged(path, idText, $"unknown process state {reader.GetInt64(2)}");
        }

        var tags = TagListCodec.Decode(reader.GetFieldValue<byte[]>(4)) ?? throw Damaged(path, idText, "its tag list is malformed");
        DateTimeOffset savedAt;
        try
        {
            var offset = TimeSpan.FromMinutes(reader.GetInt64(6));
            savedAt = new DateTimeOffset(reader.GetInt64(5) + offset.Ticks, offset);
        }
        catch (ArgumentException error)
        {
            throw Damaged(path, idText, "its save time is out of range: " + error.Message);
        }

        ProcessId? parentId = null;
        if (!reader.IsDBNull(7))
        {
            parentId = Guid.TryParseExact(reader.GetString(7), "D", out var parent)
                ? new ProcessId(parent)
                : throw Damaged(path, idText, "its parent id is not a GUID");
        }

        return new CheckpointInfo(id, reader.GetString(1), state, reader.GetInt64(3) != 0, tags, savedAt, parentId)
        {
            Sequence = reader.GetInt64(8),
        };
    }

    /// <summary>Reads a blob column; an empty blob comes back as an empty array.</summary>
    public static byte[] ReadBlob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? Array.Empty<byte>() : reader.GetFieldValue<byte[]>(ordinal);

    private static CheckpointCorruptedException Damaged(string path, string id, string reason) =>
        new($"{path} (process {id})", CheckpointCorruptionKind.InvalidContent, reason);
}
