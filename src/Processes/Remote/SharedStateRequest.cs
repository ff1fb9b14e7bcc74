using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>
/// A shared state request on the wire and its execution on the worker, which owns the states.
/// Payloads: every request starts with the state name and key. Replace adds the writer, the
/// expected version, the initial state's bytes (or null) and the new bytes; Wait adds the writer
/// to skip (null: include own changes), the version to wait after (or none: now), the mode, the
/// member filter and the timeout in ticks (-1: none). Apply adds the writer, the operation name and
/// its argument bytes. A version travels as
/// <c>version, writer, has-time, time, data</c>; a wait reply starts with an outcome byte.
/// </summary>
internal sealed class SharedStateRequest
{
    /// <summary>The outcome byte of a wait reply.</summary>
    internal enum WaitOutcome : byte
    {
        Found = 0,
        TimedOut = 1,
        HistoryTruncated = 2,
    }

    private SharedStateRequest(FrameType type, string stateName, string key)
    {
        Type = type;
        StateName = stateName;
        Key = key;
    }

    public FrameType Type { get; }

    public string StateName { get; }

    public string Key { get; }

    public string Writer { get; private set; } = string.Empty;

    public long ExpectedVersion { get; private set; }

    public byte[]? Initial { get; private set; }

    public byte[] Data { get; private set; } = Array.Empty<byte>();

    public string? SkipWriter { get; private set; }

    public long? AfterVersion { get; private set; }

    public SharedStateWatchMode Mode { get; private set; }

    public IReadOnlyList<string>? Members { get; private set; }

    public TimeSpan? Timeout { get; private set; }

    public string Operation { get; private set; } = string.Empty;

    public byte[] Arguments { get; private set; } = Array.Empty<byte>();

    public static SharedStateRequest Read(FrameType type, ref ProcessReader reader)
    {
        var offset = reader.Offset;
        var stateName = reader.ReadString() is { Length: > 0 } name ? name : throw new ProcessSerializationException("The state name is missing.", offset);
        var key = reader.ReadString() ?? throw new ProcessSerializationException("The state key is missing.", reader.Offset);
        var request = new SharedStateRequest(type, stateName, key);
        switch (type)
        {
            case FrameType.SharedStateReplace:
                request.Writer = WireCodec.ReadRequiredString(ref reader, "writer");
                request.ExpectedVersion = reader.ReadInt64();
                request.Initial = reader.ReadBytes();
                request.Data = reader.ReadBytes() ?? throw new ProcessSerializationException("The state data is missing.", reader.Offset);
                break;
            case FrameType.SharedStateApply:
                request.Writer = WireCodec.ReadRequiredString(ref reader, "writer");
                request.Operation = WireCodec.ReadRequiredString(ref reader, "operation");
                request.Arguments = reader.ReadBytes() ?? throw new ProcessSerializationException("The operation's arguments are missing.", reader.Offset);
                break;
            case FrameType.SharedStateWait:
                request.SkipWriter = reader.ReadString();
                request.AfterVersion = reader.ReadBoolean() ? reader.ReadInt64() : null;
                var mode = reader.ReadByte();
                request.Mode = mode <= (byte)SharedStateWatchMode.Live ? (SharedStateWatchMode)mode : throw new ProcessSerializationException($"{mode} is not a watch mode.", reader.Offset - 1);
                request.Members = reader.ReadList<string, Serialization.Codecs.StringCodec>();
                var ticks = reader.ReadInt64();
                request.Timeout = ticks < 0 ? null : TimeSpan.FromTicks(ticks);
                break;
        }

        return request;
    }

    public static void WriteAddress(ProcessWriter writer, string stateName, string key)
    {
        writer.WriteString(stateName);
        writer.WriteString(key);
    }

    public static void WriteReplace(ProcessWriter writer, string stateName, string key, string stateWriter, long expectedVersion, byte[]? initial, byte[] data)
    {
        WriteAddress(writer, stateName, key);
        writer.WriteString(stateWriter);
        writer.WriteInt64(expectedVersion);
        writer.WriteBytes(initial);
        writer.WriteBytes(data);
    }

    public static void WriteApply(ProcessWriter writer, string stateName, string key, string stateWriter, string operation, byte[] arguments)
    {
        WriteAddress(writer, stateName, key);
        writer.WriteString(stateWriter);
        writer.WriteString(operation);
        writer.WriteBytes(arguments);
    }

    public static void WriteWait(ProcessWriter writer, string stateName, string key, string? skipWriter, SharedStateWatchOptions options)
    {
        WriteAddress(writer, stateName, key);
        writer.WriteString(skipWriter);
        writer.WriteBoolean(options.AfterVersion is not null);
        if (options.AfterVersion is { } after)
        {
            writer.WriteInt64(after);
        }

        writer.WriteByte((byte)options.Mode);
        writer.WriteCollection<string, Serialization.Codecs.StringCodec>(options.Members);
        writer.WriteInt64(options.Timeout is { } timeout ? Math.Max(timeout.Ticks, 0) : -1);
    }

    public async Task<Action<ProcessWriter>> ExecuteAsync(SharedStateEngine engine, ProcessRegistry registry, CancellationToken cancellationToken)
    {
        switch (Type)
        {
            case FrameType.SharedStateGet:
                var current = await engine.GetAsync(StateName, Key, cancellationToken).ConfigureAwait(false);
                return writer => WriteVersion(writer, current);
            case FrameType.SharedStateReplace:
                SharedStateSections.Validate(Data);
                if (Initial is not null)
                {
                    SharedStateSections.Validate(Initial);
                }

                var (version, applied) = await engine.UpdateAsync(StateName, Key, Writer, this, static (now, request) =>
                    now.Version == request.ExpectedVersion ? (request.Initial, request.Data, true) : (null, null, false),
                    cancellationToken).ConfigureAwait(false);
                return writer =>
                {
                    writer.WriteBoolean(applied);
                    WriteVersion(writer, version);
                };
            case FrameType.SharedStateApply:
                // Runs here, on the owner, under the state's lock: once, whatever else is updating it.
                var runner = registry.FindSharedState(StateName)
                    ?? throw new SharedStateOperationNotFoundException(StateName, Operation, stateRegistered: false);
                var (after, result) = await engine.UpdateAsync(StateName, Key, Writer, (Runner: runner, Request: this), static (now, call) =>
                    call.Runner(now, call.Request.Operation, call.Request.Arguments),
                    cancellationToken).ConfigureAwait(false);
                return writer =>
                {
                    WriteVersion(writer, after);
                    writer.WriteBytes(result);
                };
            default:
                try
                {
                    var found = await engine.WaitAsync(StateName, Key, AfterVersion, Mode, Members, SkipWriter, Timeout, cancellationToken).ConfigureAwait(false);
                    return writer =>
                    {
                        writer.WriteByte((byte)WaitOutcome.Found);
                        WriteVersion(writer, found.Change);
                        writer.WriteCollection<string, Serialization.Codecs.StringCodec>(found.Change.ChangedMembers);
                        writer.WriteInt32(found.SkippedChanges);
                        writer.WriteBoolean(found.HistoryTruncated);
                    };
                }
                catch (SharedStateWatchTimeoutException timedOut)
                {
                    return writer =>
                    {
                        writer.WriteByte((byte)WaitOutcome.TimedOut);
                        writer.WriteInt64(timedOut.AfterVersion);
                    };
                }
                catch (SharedStateHistoryTruncatedException truncated)
                {
                    return writer =>
                    {
                        writer.WriteByte((byte)WaitOutcome.HistoryTruncated);
                        writer.WriteInt64(truncated.AfterVersion);
                        writer.WriteInt64(truncated.OldestAfterVersion);
                    };
                }
        }
    }

    public static void WriteVersion(ProcessWriter writer, SharedStateVersion version)
    {
        writer.WriteInt64(version.Version);
        writer.WriteString(version.Writer);
        writer.WriteBoolean(version.UpdatedAt is not null);
        if (version.UpdatedAt is { } updatedAt)
        {
            writer.WriteDateTimeOffset(updatedAt);
        }

        writer.WriteBytes(version.Data);
    }

    public static SharedStateVersion ReadVersion(ref ProcessReader reader)
    {
        var version = reader.ReadInt64();
        var stateWriter = reader.ReadString();
        DateTimeOffset? updatedAt = reader.ReadBoolean() ? reader.ReadDateTimeOffset() : null;
        var data = reader.ReadBytes();
        if (data is not null)
        {
            SharedStateSections.Validate(data);
        }

        return new SharedStateVersion(version, data, stateWriter, updatedAt, Array.Empty<string>());
    }
}
