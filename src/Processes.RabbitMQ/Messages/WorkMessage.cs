using System;
using Processes.Remote.Protocol;
using Processes.Serialization;

namespace Processes.RabbitMQ.Messages;

/// <summary>What a work message asks the worker to answer, besides doing the work.</summary>
[Flags]
internal enum WorkReplies : byte
{
    None = 0,

    /// <summary>The status once the process is launched (its first checkpoint stored) or continued.</summary>
    Started = 1,

    /// <summary>The outputs (or the typed failure) once the process has terminated.</summary>
    Outputs = 2,
}

/// <summary>
/// A launch or continue, as a persistent message on the process type's work queue. The process
/// id is always in it (chosen by the client), so a redelivered launch finds the process it
/// already started instead of starting a second one.
/// </summary>
internal sealed record WorkMessage(string Kind, ProcessId Id, string ProcessName, ReadOnlyMemory<byte> Inputs, LaunchOptions? LaunchOptions, ContinueOptions? ContinueOptions, WorkReplies Replies)
{
    private const byte Version = 1;

    /// <summary>Writes a launch: the inputs section straight from the descriptor, no copy.</summary>
    public static byte[] EncodeLaunch<TProcess>(TProcess process, ProcessId id, LaunchOptions? options, WorkReplies replies)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        using var writer = new ProcessWriter();
        writer.WriteByte(Version);
        WireCodec.WriteId(writer, id);
        writer.WriteString(TProcess.Descriptor.Name);
        writer.WriteByte((byte)replies);
        var inputs = writer.BeginLengthPrefixed();
        TProcess.Descriptor.WriteInputs(process, writer);
        writer.EndLengthPrefixed(inputs);
        WireCodec.WriteLaunchOptions(writer, options);
        return writer.ToArray();
    }

    public static byte[] EncodeContinue(ProcessId id, string processName, ContinueOptions? options, WorkReplies replies)
    {
        using var writer = new ProcessWriter();
        writer.WriteByte(Version);
        WireCodec.WriteId(writer, id);
        writer.WriteString(processName);
        writer.WriteByte((byte)replies);
        WireCodec.WriteContinueOptions(writer, options);
        return writer.ToArray();
    }

    /// <summary>Reads a work message; the inputs stay in <paramref name="body"/> (the caller's own copy).</summary>
    public static WorkMessage Decode(string kind, ReadOnlyMemory<byte> body)
    {
        var reader = new ProcessReader(body.Span);
        if (reader.ReadByte() != Version)
        {
            throw new ProcessSerializationException("The work message has an unknown version.", 0);
        }

        var id = WireCodec.ReadId(ref reader);
        var name = WireCodec.ReadRequiredString(ref reader, "process name");
        var replies = (WorkReplies)reader.ReadByte();
        switch (kind)
        {
            case MessageKind.Launch:
                var length = reader.ReadInt32();
                var start = reader.Offset;
                reader.Skip(length);
                var options = WireCodec.ReadLaunchOptions(ref reader);
                reader.EnsureAtEnd();
                return new WorkMessage(kind, id, name, body.Slice(start, length), options, null, replies);
            case MessageKind.Continue:
                var continueOptions = WireCodec.ReadContinueOptions(ref reader);
                reader.EnsureAtEnd();
                return new WorkMessage(kind, id, name, ReadOnlyMemory<byte>.Empty, null, continueOptions, replies);
            default:
                throw new ProcessSerializationException($"'{kind}' is not a work message.", 0);
        }
    }
}
