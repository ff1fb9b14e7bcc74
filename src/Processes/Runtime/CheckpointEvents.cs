using System;
using System.Collections.Generic;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>The external-event part of a checkpoint envelope (format version 4 on).</summary>
internal static class CheckpointEvents
{
    // A payload is bounded by the checkpoint's own size; the count guards allocations before that.
    private const int MinimumRecordBytes = 10;

    /// <summary>The event state of a checkpoint written before version 4: none.</summary>
    public static readonly (IReadOnlyList<ProcessEventRecord> Inbox, IReadOnlyList<string> Awaited, DateTimeOffset? Deadline, IReadOnlyList<ProcessEventRecord> Received) None =
        (Array.Empty<ProcessEventRecord>(), Array.Empty<string>(), null, Array.Empty<ProcessEventRecord>());

    public static void Write(ProcessWriter writer, in ProcessSnapshot snapshot)
    {
        WriteRecords(writer, snapshot.Inbox);
        CheckpointEnvelope.WriteNames(writer, snapshot.AwaitedEvents);

        writer.WriteBoolean(snapshot.EventDeadline.HasValue);
        if (snapshot.EventDeadline is { } deadline)
        {
            writer.WriteDateTimeOffset(deadline);
        }

        WriteRecords(writer, snapshot.ReceivedEvents);
    }

    public static (IReadOnlyList<ProcessEventRecord> Inbox, IReadOnlyList<string> Awaited, DateTimeOffset? Deadline, IReadOnlyList<ProcessEventRecord> Received) Read(ref ProcessReader reader)
    {
        var inbox = ReadRecords(ref reader);
        var awaited = CheckpointEnvelope.ReadNames(ref reader);

        DateTimeOffset? deadline = reader.ReadBoolean() ? reader.ReadDateTimeOffset() : null;
        var received = ReadRecords(ref reader);
        return (inbox, awaited, deadline, received);
    }

    private static void WriteRecords(ProcessWriter writer, IReadOnlyList<ProcessEventRecord> records)
    {
        writer.WriteCollectionHeader(records.Count);
        foreach (var record in records)
        {
            writer.WriteString(record.Name);
            writer.WriteString(record.PayloadType);
            writer.WriteBytes(record.Payload);
            writer.WriteDateTimeOffset(record.RaisedAt);
        }
    }

    private static IReadOnlyList<ProcessEventRecord> ReadRecords(ref ProcessReader reader)
    {
        reader.TryReadCollectionHeader(out var count, MinimumRecordBytes);
        if (count <= 0)
        {
            return Array.Empty<ProcessEventRecord>();
        }

        var records = new ProcessEventRecord[count];
        for (var i = 0; i < count; i++)
        {
            var name = ReadName(ref reader);
            var payloadType = reader.ReadString();
            var payload = reader.ReadBytes() ?? Array.Empty<byte>();
            records[i] = new ProcessEventRecord(name, payloadType, payload, reader.ReadDateTimeOffset());
        }

        return records;
    }

    private static string ReadName(ref ProcessReader reader)
    {
        var offset = reader.Offset;
        var name = reader.ReadString();
        return string.IsNullOrEmpty(name)
            ? throw new ProcessSerializationException("an event has no name.", offset)
            : name;
    }
}
