using System;
using Npgsql;
using Processes.Checkpoints;

namespace Processes.PostgreSQL;

/// <summary>How checkpoint descriptions, leases and times map to columns, both ways, and which text PostgreSQL can hold.</summary>
internal static class PostgresRows
{
    /// <summary>The offset stored beside the UTC ticks, in minutes, so the original offset comes back.</summary>
    public static int OffsetMinutes(DateTimeOffset time) => (int)(time.Offset.Ticks / TimeSpan.TicksPerMinute);

    /// <summary>Reads the columns of <see cref="PostgresTables.InfoColumns"/> at ordinals 0–8.</summary>
    public static CheckpointInfo ReadInfo(NpgsqlDataReader reader, string endpoint)
    {
        var id = new ProcessId(reader.GetGuid(0));
        var stateValue = reader.GetInt16(2);
        var state = (ProcessState)stateValue;
        if (stateValue is < 0 or > byte.MaxValue || !Enum.IsDefined(state))
        {
            throw Damaged(endpoint, id, $"unknown process state {stateValue}");
        }

        var tags = reader.GetFieldValue<string[]>(4);
        if (Array.IndexOf(tags, null) >= 0)
        {
            throw Damaged(endpoint, id, "its tag list holds a null");
        }

        DateTimeOffset savedAt;
        try
        {
            var offset = TimeSpan.FromMinutes(reader.GetInt32(6));
            savedAt = new DateTimeOffset(reader.GetInt64(5) + offset.Ticks, offset);
        }
        catch (ArgumentException error)
        {
            throw Damaged(endpoint, id, "its save time is out of range: " + error.Message);
        }

        ProcessId? parentId = reader.IsDBNull(7) ? null : new ProcessId(reader.GetGuid(7));
        return new CheckpointInfo(id, reader.GetString(1), state, reader.GetBoolean(3), tags, savedAt, parentId)
        {
            Sequence = reader.GetInt64(8),
        };
    }

    /// <summary>Reads a lease row (owner, token, expiry ticks) at ordinals 0–2.</summary>
    public static ProcessLease ReadLease(NpgsqlDataReader reader, ProcessId id) =>
        new(id, reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero));

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for text PostgreSQL cannot store as given: a NUL
    /// character (text columns refuse it) or an unpaired surrogate (not encodable as UTF-8).
    /// </summary>
    public static void CheckText(string value, string what, string parameterName)
    {
        for (var index = 0; index < value.Length; index++)
        {
            var character = value[index];
            if (character == '\0')
            {
                throw new ArgumentException($"The {what} contains a NUL character, which PostgreSQL text cannot hold.", parameterName);
            }

            if (char.IsHighSurrogate(character) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(character))
            {
                throw new ArgumentException($"The {what} contains an unpaired surrogate at index {index}, which is not valid Unicode.", parameterName);
            }
        }
    }

    private static CheckpointCorruptedException Damaged(string endpoint, ProcessId id, string reason) =>
        new($"{endpoint} (process {id})", CheckpointCorruptionKind.InvalidContent, reason);
}
