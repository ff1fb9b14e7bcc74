using System;
using System.Collections.Generic;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// The layout of a checkpoint's data: a magic and version, the process snapshot (status,
/// outline position, children), then the generated inputs, outputs and state sections, each
/// length-prefixed so that a section can be skipped or replaced without parsing it.
/// </summary>
internal static class CheckpointEnvelope
{
    private const uint Magic = 0x53435250; // "PRCS" little-endian
    // Version 2 added the outline fingerprint and the step sequence, version 3 the retry state
    // (attempt, due time, a launch's own policy and time limit), version 4 the external events
    // (inbox, the wait in force, received payloads), the emitted outputs, each child's fan-out
    // flags and bound, and MemoryPack's 16-byte DateTimeOffset in the sections (the envelope's own
    // dates stay compact) with a flag for sections kept from an older checkpoint, version 5 the W3C
    // trace context of the run that wrote the checkpoint (a continued run links its span to it),
    // version 6 the deadline of an outline's wait for a shared state, written only by a checkpoint
    // that has one (every other checkpoint stays version 5, which runtimes that predate version 6
    // read); older files still load.
    private const byte FormatVersion = 6;
    private const byte FirstVersionWithTraceContext = 5;
    private const byte FirstVersionWithStateWaitDeadline = 6;
    private const byte FirstVersionWithMemoryPackDateTimeOffsets = 4;
    private const byte OldestReadableVersion = 1;

    /// <summary>
    /// The three generated sections of a checkpoint, as bytes; <paramref name="CompactDateTimeOffsets"/>
    /// when they come from a checkpoint older than version 4 (read them with <see cref="NewReader"/>).
    /// </summary>
    public readonly record struct Sections(ReadOnlyMemory<byte> Inputs, ReadOnlyMemory<byte> Outputs, ReadOnlyMemory<byte> State, bool CompactDateTimeOffsets = false)
    {
        /// <summary>A reader of one of these sections, in the form their checkpoint's version wrote.</summary>
        public ProcessReader NewReader(ReadOnlyMemory<byte> section) => new(section.Span) { ReadsCompactDateTimeOffsets = CompactDateTimeOffsets };
    }

    /// <summary>Writes the envelope with the sections serialized from the live instance, straight into <paramref name="writer"/>.</summary>
    public static void Write(ProcessWriter writer, in ProcessSnapshot snapshot, ISectionSource source)
    {
        WriteHeader(writer, snapshot, compactSectionDates: false, source.Descriptor);
        WriteSection(writer, source, SectionKind.Inputs);
        WriteSection(writer, source, SectionKind.Outputs);
        WriteSection(writer, source, SectionKind.State);
    }

    /// <summary>Writes the envelope around sections taken from an earlier checkpoint.</summary>
    public static void Write(ProcessWriter writer, in ProcessSnapshot snapshot, Sections sections)
    {
        // Sections kept from an older checkpoint keep its date form; the envelope's flag says so.
        WriteHeader(writer, snapshot, sections.CompactDateTimeOffsets, descriptor: null);
        WriteSection(writer, sections.Inputs.Span);
        WriteSection(writer, sections.Outputs.Span);
        WriteSection(writer, sections.State.Span);
    }

    private static void WriteSection(ProcessWriter writer, ISectionSource source, SectionKind kind)
    {
        var mark = writer.BeginLengthPrefixed();
        source.WriteSection(kind, writer);
        writer.EndLengthPrefixed(mark);
    }

    /// <summary>The envelope before the sections; <paramref name="descriptor"/>, when known, supplies its constant strings already encoded.</summary>
    private static void WriteHeader(ProcessWriter writer, in ProcessSnapshot snapshot, bool compactSectionDates, ProcessDescriptor? descriptor)
    {
        writer.WriteUInt32(Magic);
        writer.WriteByte(snapshot.StateWaitDeadline is null ? (byte)(FirstVersionWithStateWaitDeadline - 1) : FormatVersion);
        writer.WriteGuid(snapshot.Id.Value);
        WriteString(writer, snapshot.Name, descriptor?.EncodedName);
        WriteOptionalId(writer, snapshot.ParentId);
        writer.WriteCompactDateTimeOffset(snapshot.CreatedAt);
        writer.WriteByte((byte)snapshot.State);
        writer.WriteBoolean(snapshot.Paused);
        writer.WriteString(snapshot.StatusMessage);
        writer.WriteString(snapshot.StatusBeforePause);
        writer.WriteInt32(snapshot.Position);
        writer.WriteCollectionHeader(snapshot.Children.Count);
        foreach (var child in snapshot.Children)
        {
            writer.WriteString(child.Key);
            writer.WriteGuid(child.Id.Value);
            writer.WriteString(child.Name);
            writer.WriteByte((byte)child.Flags);
            writer.WriteInt32(child.Parallelism);
        }

        writer.WriteCollectionHeader(snapshot.AwaitedChildren.Count);
        foreach (var key in snapshot.AwaitedChildren)
        {
            writer.WriteString(key);
        }

        writer.WriteBoolean(snapshot.ExitCode.HasValue);
        writer.WriteInt32(snapshot.ExitCode ?? 0);
        writer.WriteString(snapshot.ExitMessage);
        writer.WriteString(snapshot.KillMessage);
        ErrorInfoCodec.Write(writer, snapshot.Error);
        writer.WriteCollectionHeader(snapshot.Tags.Count);
        foreach (var tag in snapshot.Tags)
        {
            writer.WriteString(tag);
        }

        WriteString(writer, snapshot.OutlineFingerprint, descriptor?.EncodedOutlineFingerprint);
        writer.WriteInt32(snapshot.StepSequence);
        WriteRetryState(writer, snapshot);
        CheckpointEvents.Write(writer, snapshot);
        WriteNames(writer, snapshot.EmittedOutputs);
        writer.WriteBoolean(compactSectionDates);
        writer.WriteString(snapshot.TraceParent);
        if (snapshot.StateWaitDeadline is { } stateWaitDeadline)
        {
            writer.WriteCompactDateTimeOffset(stateWaitDeadline);
        }
    }

    /// <summary>Writes <paramref name="value"/>, from <paramref name="encoded"/>'s bytes when that is the same string.</summary>
    private static void WriteString(ProcessWriter writer, string? value, EncodedString? encoded)
    {
        if (encoded is not null && ReferenceEquals(encoded.Value, value))
        {
            encoded.WriteTo(writer);
        }
        else
        {
            writer.WriteString(value);
        }
    }

    /// <summary>A list of names: a count, then the strings.</summary>
    internal static void WriteNames(ProcessWriter writer, IReadOnlyList<string> names)
    {
        writer.WriteCollectionHeader(names.Count);
        foreach (var name in names)
        {
            writer.WriteString(name);
        }
    }

    /// <summary>Reads a list written by <see cref="WriteNames"/>.</summary>
    internal static IReadOnlyList<string> ReadNames(ref ProcessReader reader)
    {
        reader.TryReadCollectionHeader(out var count, 4);
        if (count <= 0)
        {
            return Array.Empty<string>();
        }

        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Offset;
            names[i] = reader.ReadString() is { Length: > 0 } name ? name : throw new ProcessSerializationException("a name in a list is missing.", offset);
        }

        return names;
    }

    private static void WriteRetryState(ProcessWriter writer, in ProcessSnapshot snapshot)
    {
        writer.WriteInt32(snapshot.Attempt);
        writer.WriteBoolean(snapshot.RetryDueAt.HasValue);
        if (snapshot.RetryDueAt is { } due)
        {
            writer.WriteCompactDateTimeOffset(due);
        }

        RetryPolicyCodec.Write(writer, snapshot.Retry, snapshot.TimeLimit);
        writer.WriteBoolean(snapshot.TimerDueAt.HasValue);
        if (snapshot.TimerDueAt is { } timer)
        {
            writer.WriteCompactDateTimeOffset(timer);
        }
    }

    private static (int Attempt, DateTimeOffset? DueAt, RetryPolicy? Policy, TimeSpan? TimeLimit, DateTimeOffset? Timer) ReadRetryState(ref ProcessReader reader)
    {
        var attemptOffset = reader.Offset;
        var attempt = reader.ReadInt32();
        if (attempt < 1)
        {
            throw new ProcessSerializationException($"attempt number {attempt} is below 1.", attemptOffset);
        }

        DateTimeOffset? due = reader.ReadBoolean() ? reader.ReadCompactDateTimeOffset() : null;
        var (policy, limit) = RetryPolicyCodec.Read(ref reader);
        DateTimeOffset? timer = reader.ReadBoolean() ? reader.ReadCompactDateTimeOffset() : null;
        return (attempt, due, policy, limit, timer);
    }

    /// <summary>Reads a checkpoint; any malformed byte raises <see cref="CheckpointCorruptedException"/> naming <paramref name="source"/>.</summary>
    public static (ProcessSnapshot Snapshot, Sections Sections) Read(ReadOnlyMemory<byte> data, string source)
    {
        try
        {
            return ReadCore(data, source);
        }
        catch (ProcessSerializationException exception)
        {
            throw CheckpointCorruption.From(source, exception);
        }
    }

    private static (ProcessSnapshot Snapshot, Sections Sections) ReadCore(ReadOnlyMemory<byte> data, string source)
    {
        var reader = new ProcessReader(data.Span);
        if (reader.Remaining < 5 || reader.ReadUInt32() != Magic)
        {
            throw new CheckpointCorruptedException(source, CheckpointCorruptionKind.BadMagic, "it is not a process checkpoint (bad magic bytes).");
        }

        var version = reader.ReadByte();
        if (version < OldestReadableVersion || version > FormatVersion)
        {
            throw new CheckpointCorruptedException(source, CheckpointCorruptionKind.UnsupportedVersion, $"its format version {version} is not supported (this runtime reads versions {OldestReadableVersion} to {FormatVersion}).");
        }

        var id = new ProcessId(reader.ReadGuid());
        var name = reader.ReadString() ?? throw new ProcessSerializationException("the process name is missing.", reader.Offset);
        var parentId = ReadOptionalId(ref reader);
        var createdAt = reader.ReadCompactDateTimeOffset();
        var stateOffset = reader.Offset;
        var state = (ProcessState)reader.ReadByte();
        if (state > ProcessState.Killed)
        {
            throw new ProcessSerializationException($"unknown process state {(byte)state}.", stateOffset);
        }

        var paused = reader.ReadBoolean();
        var statusMessage = reader.ReadString();
        var statusBeforePause = reader.ReadString();
        var position = reader.ReadInt32();
        reader.TryReadCollectionHeader(out var childCount, 24);
        var children = new List<ChildRecord>(Math.Max(childCount, 0));
        for (var i = 0; i < childCount; i++)
        {
            var key = reader.ReadString() ?? string.Empty;
            var childId = new ProcessId(reader.ReadGuid());
            var childName = reader.ReadString() ?? string.Empty;
            var flags = version >= 4 ? (ChildFlags)reader.ReadByte() : ChildFlags.None;
            var parallelism = version >= 4 ? reader.ReadInt32() : 0;
            children.Add(new ChildRecord(key, childId, childName, flags, parallelism));
        }

        reader.TryReadCollectionHeader(out var awaitedCount, 4);
        var awaited = new List<string>(Math.Max(awaitedCount, 0));
        for (var i = 0; i < awaitedCount; i++)
        {
            awaited.Add(reader.ReadString() ?? string.Empty);
        }

        var hasExitCode = reader.ReadBoolean();
        var exitCode = reader.ReadInt32();
        var exitMessage = reader.ReadString();
        var killMessage = reader.ReadString();
        var error = ErrorInfoCodec.Read(ref reader);
        reader.TryReadCollectionHeader(out var tagCount, 4);
        var tags = new List<string>(Math.Max(tagCount, 0));
        for (var i = 0; i < tagCount; i++)
        {
            tags.Add(reader.ReadString() ?? string.Empty);
        }

        string? outlineFingerprint = null;
        var stepSequence = 0;
        if (version >= 2)
        {
            outlineFingerprint = reader.ReadString();
            stepSequence = reader.ReadInt32();
        }

        var retry = version >= 3 ? ReadRetryState(ref reader) : (Attempt: 1, DueAt: null, Policy: null, TimeLimit: null, Timer: null);
        var events = version >= 4 ? CheckpointEvents.Read(ref reader) : CheckpointEvents.None;
        var emitted = version >= 4 ? ReadNames(ref reader) : Array.Empty<string>();
        var compactSectionDates = version < FirstVersionWithMemoryPackDateTimeOffsets || reader.ReadBoolean();
        var traceParent = version >= FirstVersionWithTraceContext ? reader.ReadString() : null;
        DateTimeOffset? stateWaitDeadline = version >= FirstVersionWithStateWaitDeadline ? reader.ReadCompactDateTimeOffset() : null;

        var inputs = ReadSection(data, ref reader);
        var outputs = ReadSection(data, ref reader);
        var stateSection = ReadSection(data, ref reader);
        reader.EnsureAtEnd();
        var snapshot = new ProcessSnapshot
        {
            Id = id,
            Name = name,
            ParentId = parentId,
            CreatedAt = createdAt,
            State = state,
            Paused = paused,
            StatusMessage = statusMessage,
            StatusBeforePause = statusBeforePause,
            Position = position,
            Children = children,
            AwaitedChildren = awaited,
            ExitCode = hasExitCode ? exitCode : null,
            ExitMessage = exitMessage,
            KillMessage = killMessage,
            Error = error,
            Tags = tags,
            OutlineFingerprint = outlineFingerprint,
            StepSequence = stepSequence,
            Attempt = retry.Attempt,
            RetryDueAt = retry.DueAt,
            Retry = retry.Policy,
            TimeLimit = retry.TimeLimit,
            TimerDueAt = retry.Timer,
            Inbox = events.Inbox,
            AwaitedEvents = events.Awaited,
            EventDeadline = events.Deadline,
            ReceivedEvents = events.Received,
            EmittedOutputs = emitted,
            TraceParent = traceParent,
            StateWaitDeadline = stateWaitDeadline,
        };
        return (snapshot, new Sections(inputs, outputs, stateSection, CompactDateTimeOffsets: compactSectionDates));
    }

    private static void WriteSection(ProcessWriter writer, ReadOnlySpan<byte> section)
    {
        writer.WriteInt32(section.Length);
        writer.WriteRaw(section);
    }

    private static ReadOnlyMemory<byte> ReadSection(ReadOnlyMemory<byte> data, ref ProcessReader reader)
    {
        var sectionReader = reader.ReadLengthPrefixed();
        var start = sectionReader.Offset;
        return data.Slice(start, sectionReader.Remaining);
    }

    private static void WriteOptionalId(ProcessWriter writer, ProcessId? id)
    {
        writer.WriteBoolean(id.HasValue);
        if (id is { } value)
        {
            writer.WriteGuid(value.Value);
        }
    }

    private static ProcessId? ReadOptionalId(ref ProcessReader reader) =>
        reader.ReadBoolean() ? new ProcessId(reader.ReadGuid()) : null;
}
