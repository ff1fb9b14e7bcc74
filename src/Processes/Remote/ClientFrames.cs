using System;
using Processes.Remote.Protocol;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>
/// The payloads a <see cref="ProcessClient"/> writes into its request frames and reads from the
/// worker's replies (the client's half of <see cref="WireCodec"/>'s format): stateless, so the
/// client itself is left with its connection, its calls and their verbs.
/// </summary>
internal static class ClientFrames
{
    /// <summary>
    /// Writes a launch payload: the name, the inputs section serialized straight into the frame
    /// behind its <c>int32</c> length (the wire form of <c>bytes</c>), then the launch options.
    /// </summary>
    public static void WriteLaunch<TProcess>(ProcessWriter writer, TProcess process, LaunchOptions? options)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var descriptor = TProcess.Descriptor;
        try
        {
            writer.WriteString(descriptor.Name);
            var inputs = writer.BeginLengthPrefixed();
            descriptor.WriteInputs(process, writer);
            writer.EndLengthPrefixed(inputs);
            WireCodec.WriteLaunchOptions(writer, options);
        }
        catch (WriterLimitExceededException exception)
        {
            // The writer is limited to one frame, so huge inputs fail here, not after a full copy.
            throw FrameFormat.TooLarge(exception, descriptor.Name);
        }
    }

    public static void WriteContinue(ProcessWriter writer, ProcessId id, ContinueOptions? options)
    {
        WireCodec.WriteId(writer, id);
        WireCodec.WriteContinueOptions(writer, options);
    }

    public static void WritePause(ProcessWriter writer, ProcessId id, string? message)
    {
        WireCodec.WriteId(writer, id);
        writer.WriteString(message);
    }

    public static void WriteKill(ProcessWriter writer, ProcessId id, string? message, bool force)
    {
        WireCodec.WriteId(writer, id);
        writer.WriteString(message);
        writer.WriteBoolean(force);
    }

    public static void EnsureType<TProcess>(ProcessStatus status)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        if (status.Name != TProcess.Descriptor.Name)
        {
            throw new InvalidOperationException($"Process {status.Id} is a {status.Name}, not a {TProcess.Descriptor.Name}.");
        }
    }

    /// <summary>
    /// Reads a wait reply into a process: an instance from the reply's inputs section when it has
    /// one (continue and wait), else <paramref name="sentInputs"/> (a run: a copy of the caller's
    /// inputs), then the outputs read into it. Reads the reply's payload where it lies (the read
    /// loop's buffer, or a frame's pooled buffer the caller disposes afterwards).
    /// </summary>
    public static TProcess ReadOutputs<TProcess>(ReadOnlySpan<byte> reply, TProcess? sentInputs)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var descriptor = TProcess.Descriptor;
        try
        {
            var reader = new ProcessReader(reply);
            var statusStart = reader;
            if (!WireCodec.SkipStatusOf(ref reader, ProcessName<TProcess>.Encoded))
            {
                // Another process's status (or the name encoded otherwise): read it whole to say which.
                reader = statusStart;
                EnsureType<TProcess>(WireCodec.ReadStatus(ref reader));
            }

            TProcess process;
            if (reader.ReadBoolean())
            {
                var inputs = reader.ReadLengthPrefixed();
                process = descriptor.ReadInputs(ref inputs);
            }
            else
            {
                process = sentInputs ?? throw new ProcessSerializationException("The reply has no inputs section.", reader.Offset);
            }

            var outputs = reader.ReadLengthPrefixed();
            descriptor.ReadOutputs(process, ref outputs);
            reader.EnsureAtEnd();
            return process;
        }
        catch (ProcessSerializationException exception)
        {
            throw new RemoteProtocolException($"The worker's {descriptor.Name} result is malformed: {exception.Message}", exception);
        }
    }

    public delegate T PayloadReader<T>(ref ProcessReader reader);

    /// <summary>A process type's name with its wire encoding, to check the name in every reply without decoding it.</summary>
    public static class ProcessName<TProcess>
        where TProcess : class, IProcessDefinition<TProcess>
    {
        public static readonly EncodedString Encoded = new(TProcess.Descriptor.Name);
    }

    /// <summary>Reads a reply payload with <paramref name="read"/> and returns its buffer to the pool.</summary>
    public static T ReadReply<T>(Frame reply, FrameType call, PayloadReader<T> read)
    {
        using var _ = reply;
        try
        {
            var reader = new ProcessReader(reply.Payload);
            var value = read(ref reader);
            reader.EnsureAtEnd();
            return value;
        }
        catch (ProcessSerializationException exception)
        {
            throw new RemoteProtocolException($"The worker's reply to {call} is malformed: {exception.Message}", exception);
        }
    }

    public static ProcessControlResult ReadControlResult(Frame reply, FrameType call) =>
        ReadReply(reply, call, static (ref ProcessReader reader) => WireCodec.ReadControlResult(ref reader));

    public static int ReadCount(Frame reply, FrameType call) =>
        ReadReply(reply, call, static (ref ProcessReader reader) => reader.ReadInt32());
}
