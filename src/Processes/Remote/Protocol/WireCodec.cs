using System;
using System.Collections.Generic;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// Writes and reads the protocol's payload values with the SDK's binary primitives. Readers
/// validate every enum and bound every count and depth; bad data throws <see cref="ProcessSerializationException"/>.
/// </summary>
internal static class WireCodec
{
    /// <summary>Nested inner errors deeper than this are malformed (a hostile peer could recurse forever).</summary>
    private const int MaxErrorDepth = 16;

    public static void WriteId(ProcessWriter writer, ProcessId id) => writer.WriteGuid(id.Value);

    public static ProcessId ReadId(ref ProcessReader reader) => new(reader.ReadGuid());

    public static void WriteOptionalId(ProcessWriter writer, ProcessId? id)
    {
        writer.WriteBoolean(id.HasValue);
        if (id is { } value)
        {
            WriteId(writer, value);
        }
    }

    public static ProcessId? ReadOptionalId(ref ProcessReader reader) => reader.ReadBoolean() ? ReadId(ref reader) : null;

    public static void WriteOptionalInt32(ProcessWriter writer, int? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value is { } number)
        {
            writer.WriteInt32(number);
        }
    }

    public static int? ReadOptionalInt32(ref ProcessReader reader) => reader.ReadBoolean() ? reader.ReadInt32() : null;

    public static string ReadRequiredString(ref ProcessReader reader, string what) =>
        reader.ReadString() ?? throw new ProcessSerializationException($"The {what} is missing.", reader.Offset);

    public static ProcessState ReadState(ref ProcessReader reader)
    {
        var offset = reader.Offset;
        var value = reader.ReadByte();
        return value <= (byte)ProcessState.Killed
            ? (ProcessState)value
            : throw new ProcessSerializationException($"{value} is not a process state.", offset);
    }

    /// <param name="writer">Where to write.</param>
    /// <param name="status">The status.</param>
    /// <param name="details">
    /// Whether to append the details added after protocol version 1 (the emitted outputs); only
    /// when the reader asked for them, since a version-1 reader would take them for the next value.
    /// </param>
    public static void WriteStatus(ProcessWriter writer, ProcessStatus status, bool details = false)
    {
        WriteId(writer, status.Id);
        writer.WriteString(status.Name);
        writer.WriteByte((byte)status.State);
        writer.WriteBoolean(status.Paused);
        writer.WriteString(status.StatusMessage);
        writer.WriteCompactDateTimeOffset(status.CreatedAt);
        WriteOptionalId(writer, status.ParentId);
        WriteOptionalInt32(writer, status.ExitCode);
        writer.WriteString(status.ExitMessage);
        WriteErrorInfo(writer, status.Error);
        writer.WriteString(status.KillMessage);
        if (details)
        {
            writer.WriteCollectionHeader(status.EmittedOutputs.Count);
            foreach (var output in status.EmittedOutputs)
            {
                writer.WriteString(output);
            }
        }
    }

    /// <summary>
    /// Writes, without a <see cref="ProcessStatus"/>, what <see cref="WriteStatus"/> writes for a
    /// process that finished with <paramref name="exitCode"/> and nothing else set (a task run inline).
    /// </summary>
    public static void WriteFinishedStatus(ProcessWriter writer, ProcessId id, string name, DateTimeOffset createdAt, int exitCode)
    {
        WriteId(writer, id);
        writer.WriteString(name);
        writer.WriteByte((byte)ProcessState.Finished);
        writer.WriteBoolean(false);
        writer.WriteString(null);
        writer.WriteCompactDateTimeOffset(createdAt);
        WriteOptionalId(writer, null);
        WriteOptionalInt32(writer, exitCode);
        writer.WriteString(null);
        WriteErrorInfo(writer, null);
        writer.WriteString(null);
    }

    /// <summary>Reads a status written by <see cref="WriteStatus"/> with the same <paramref name="details"/>.</summary>
    public static ProcessStatus ReadStatus(ref ProcessReader reader, bool details)
    {
        var status = ReadStatus(ref reader);
        return details ? status with { EmittedOutputs = ReadNames(ref reader, "emitted output") } : status;
    }

    private static string[] ReadNames(ref ProcessReader reader, string what)
    {
        // A name is at least its 4-byte length: bound the count by what remains.
        if (!reader.TryReadCollectionHeader(out var count, minimumElementSize: 4))
        {
            throw new ProcessSerializationException($"The {what} list is missing.", reader.Offset);
        }

        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = ReadRequiredString(ref reader, what + " name");
        }

        return names;
    }

    public static ProcessStatus ReadStatus(ref ProcessReader reader) => new()
    {
        Id = ReadId(ref reader),
        Name = ReadRequiredString(ref reader, "process name"),
        State = ReadState(ref reader),
        Paused = reader.ReadBoolean(),
        StatusMessage = reader.ReadString(),
        CreatedAt = reader.ReadCompactDateTimeOffset(),
        ParentId = ReadOptionalId(ref reader),
        ExitCode = ReadOptionalInt32(ref reader),
        ExitMessage = reader.ReadString(),
        Error = ReadErrorInfo(ref reader, 0),
        KillMessage = reader.ReadString(),
    };

    /// <summary>
    /// Reads a status like <see cref="ReadStatus(ref ProcessReader)"/>, with every field checked, but keeps none of
    /// it: returns true when it names <paramref name="expectedName"/> in that name's own encoding
    /// (then nothing is allocated for an ordinary status). Returns false, at an unspecified
    /// position, for any other name: read the status again with <see cref="ReadStatus(ref ProcessReader)"/>.
    /// </summary>
    public static bool SkipStatusOf(ref ProcessReader reader, EncodedString expectedName)
    {
        ReadId(ref reader);
        if (!expectedName.TrySkip(ref reader))
        {
            return false;
        }

        ReadState(ref reader);
        reader.ReadBoolean();
        reader.ReadString();
        reader.ReadCompactDateTimeOffset();
        ReadOptionalId(ref reader);
        ReadOptionalInt32(ref reader);
        reader.ReadString();
        ReadErrorInfo(ref reader, 0);
        reader.ReadString();
        return true;
    }

    public static void WriteStatusList(ProcessWriter writer, IReadOnlyList<ProcessStatus> statuses, bool details = false)
    {
        writer.WriteCollectionHeader(statuses.Count);
        foreach (var status in statuses)
        {
            WriteStatus(writer, status, details);
        }
    }

    public static IReadOnlyList<ProcessStatus> ReadStatusList(ref ProcessReader reader, bool details = false)
    {
        // A status is at least 16 (id) + 4 (name) + 1 + 1 + 4 + 12 (created) bytes: bound the count by what remains.
        if (!reader.TryReadCollectionHeader(out var count, minimumElementSize: 38))
        {
            throw new ProcessSerializationException("The status list is missing.", reader.Offset);
        }

        var statuses = new List<ProcessStatus>(count);
        for (var i = 0; i < count; i++)
        {
            statuses.Add(ReadStatus(ref reader, details));
        }

        return statuses;
    }

    public static void WriteControlResult(ProcessWriter writer, ProcessControlResult result)
    {
        writer.WriteByte((byte)result.Outcome);
        writer.WriteByte((byte)result.State);
        writer.WriteString(result.Message);
    }

    public static ProcessControlResult ReadControlResult(ref ProcessReader reader)
    {
        var offset = reader.Offset;
        var outcome = reader.ReadByte();
        if (outcome > (byte)ProcessControlOutcome.Terminated)
        {
            throw new ProcessSerializationException($"{outcome} is not a control outcome.", offset);
        }

        return new ProcessControlResult((ProcessControlOutcome)outcome, ReadState(ref reader), ReadRequiredString(ref reader, "control message"));
    }

    public static void WriteEventResult(ProcessWriter writer, ProcessEventResult result)
    {
        writer.WriteByte((byte)result.Outcome);
        writer.WriteByte((byte)result.State);
        writer.WriteString(result.Message);
    }

    public static ProcessEventResult ReadEventResult(ref ProcessReader reader)
    {
        var offset = reader.Offset;
        var outcome = reader.ReadByte();
        if (outcome > (byte)ProcessEventOutcome.Rejected)
        {
            throw new ProcessSerializationException($"{outcome} is not an event outcome.", offset);
        }

        return new ProcessEventResult((ProcessEventOutcome)outcome, ReadState(ref reader), ReadRequiredString(ref reader, "event message"));
    }

    public static void WriteErrorInfo(ProcessWriter writer, ProcessErrorInfo? error)
    {
        writer.WriteBoolean(error is not null);
        if (error is not null)
        {
            writer.WriteString(error.TypeName);
            writer.WriteString(error.Message);
            writer.WriteString(error.StackTrace);
            WriteErrorInfo(writer, error.Inner);
        }
    }

    public static ProcessErrorInfo? ReadErrorInfo(ref ProcessReader reader, int depth)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        if (depth >= MaxErrorDepth)
        {
            throw new ProcessSerializationException($"Errors nest deeper than {MaxErrorDepth} levels.", reader.Offset);
        }

        var typeName = ReadRequiredString(ref reader, "error type");
        var message = ReadRequiredString(ref reader, "error message");
        var stackTrace = reader.ReadString();
        return new ProcessErrorInfo(typeName, message, stackTrace, ReadErrorInfo(ref reader, depth + 1));
    }

    public static void WriteLaunchOptions(ProcessWriter writer, LaunchOptions? options)
    {
        if (options is null)
        {
            // The defaults: no id, not paused, no tags.
            writer.WriteBoolean(false);
            writer.WriteBoolean(false);
            writer.WriteCollectionHeader(0);
            return;
        }

        WriteOptionalId(writer, options.Id);
        writer.WriteBoolean(options.StartPaused);
        writer.WriteCollectionHeader(options.Tags.Count);
        foreach (var tag in options.Tags)
        {
            writer.WriteString(tag);
        }

        // Optional trailing fields, written only when set: frames without them stay as they were.
        if (options.Retry is not null || options.TimeLimit is not null)
        {
            RetryPolicyCodec.Write(writer, options.Retry, options.TimeLimit);
        }
    }

    /// <summary>Reads launch options; null when they are all defaults (no id, not paused, no tags), which a launch treats alike.</summary>
    public static LaunchOptions? ReadLaunchOptions(ref ProcessReader reader)
    {
        var id = ReadOptionalId(ref reader);
        var startPaused = reader.ReadBoolean();
        if (!reader.TryReadCollectionHeader(out var count, minimumElementSize: 4))
        {
            throw new ProcessSerializationException("The tag list is missing.", reader.Offset);
        }

        var tags = new string[count];
        for (var i = 0; i < count; i++)
        {
            tags[i] = ReadRequiredString(ref reader, "tag");
        }

        var (retry, timeLimit) = reader.Remaining > 0 ? RetryPolicyCodec.Read(ref reader) : (null, null);
        if (id is null && !startPaused && count == 0 && retry is null && timeLimit is null)
        {
            return null;
        }

        return new LaunchOptions { Id = id, StartPaused = startPaused, Tags = tags, Retry = retry, TimeLimit = timeLimit };
    }

    /// <summary>
    /// Writes continue options as the optional trailing fields of a Continue request
    /// (<c>int64 waitForOwner ticks</c>, <c>bool hasSequence [int64 sequence]</c>), and nothing
    /// when they are all defaults, so a request without options is the same frame an older worker reads.
    /// </summary>
    public static void WriteContinueOptions(ProcessWriter writer, ContinueOptions? options)
    {
        if (options is null || (options.WaitForOwner == TimeSpan.Zero && options.FromSequence is null && !options.RetryExcepted))
        {
            return;
        }

        writer.WriteInt64(options.WaitForOwner.Ticks);
        writer.WriteBoolean(options.FromSequence.HasValue);
        if (options.FromSequence is { } sequence)
        {
            writer.WriteInt64(sequence);
        }

        // A trailing byte only when set: a request without it is the one older clients send.
        if (options.RetryExcepted)
        {
            writer.WriteBoolean(true);
        }
    }

    /// <summary>Reads the optional trailing continue options; null when the request ends before them (an older client, or defaults).</summary>
    public static ContinueOptions? ReadContinueOptions(ref ProcessReader reader)
    {
        if (reader.IsAtEnd)
        {
            return null;
        }

        var offset = reader.Offset;
        var ticks = reader.ReadInt64();
        if (ticks < 0)
        {
            throw new ProcessSerializationException($"The owner wait {ticks} ticks is negative.", offset);
        }

        long? sequence = reader.ReadBoolean() ? reader.ReadInt64() : null;
        var retry = !reader.IsAtEnd && reader.ReadBoolean();
        return new ContinueOptions { WaitForOwner = TimeSpan.FromTicks(ticks), FromSequence = sequence, RetryExcepted = retry };
    }
}
