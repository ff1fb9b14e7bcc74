using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.Remote;

/// <summary>The operations: typed run, launch and continue, control by id, status, list, and fire-and-forget variants.</summary>
public sealed partial class ProcessClient
{
    /// <inheritdoc />
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, progress: null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        var flags = FrameFlags.WaitForOutputs | (progress is null ? FrameFlags.None : FrameFlags.Subscribe);
        var request = BeginRequest(FrameType.Launch, flags);
        TProcess result;
        try
        {
            // The inputs go straight into the frame; the result is a new instance with the caller's
            // input values (never the caller's own instance, and nothing read back from bytes).
            WriteLaunch(request.Writer, process, options: null);
            result = TProcess.Descriptor.CopyInputs(process);
        }
        catch
        {
            request.Abandon();
            throw;
        }

        using var reply = await SendAsync(request, progress, cancellationToken).ConfigureAwait(false);
        return ReadOutputs(reply, result);
    }

    /// <inheritdoc />
    /// <remarks>The handle's calls go over this client's connection.</remarks>
    public async ValueTask<IProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        var reply = await CallAsync(FrameType.Launch, FrameFlags.None, writer => WriteLaunch(writer, process, options), null, cancellationToken).ConfigureAwait(false);
        var status = ReadReply(reply, FrameType.Launch, static (ref ProcessReader reader) => WireCodec.ReadStatus(ref reader));
        return new RemoteProcessHandle<TProcess>(this, status.Id, status.Name);
    }

    /// <inheritdoc />
    public ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => ContinueAsync<TProcess>(id, options: null, cancellationToken);

    /// <summary>
    /// Continues a process on the worker as <paramref name="options"/> say: waiting up to
    /// <see cref="ContinueOptions.WaitForOwner"/> for another runtime's lease (else
    /// <see cref="ProcessOwnedException"/>), or from an earlier checkpoint of a store that keeps
    /// history (<see cref="ContinueOptions.FromSequence"/>). A process the worker already runs is
    /// returned as it is, and the options do not apply.
    /// </summary>
    public async ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var reply = await CallAsync(FrameType.Continue, FrameFlags.None, writer => WriteContinue(writer, id, options), null, cancellationToken).ConfigureAwait(false);
        var status = ReadReply(reply, FrameType.Continue, static (ref ProcessReader reader) => WireCodec.ReadStatus(ref reader));
        EnsureType<TProcess>(status);
        return new RemoteProcessHandle<TProcess>(this, status.Id, status.Name);
    }

    /// <summary>
    /// Continues a process from its checkpoint and waits for its outputs in one round trip (the
    /// worker's own use; callers continue and then wait on the handle). Cancelling stops waiting.
    /// </summary>
    internal ValueTask<TProcess> ContinueAndWaitAsync<TProcess>(ProcessId id, IProgress<ProcessStatus>? progress = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => ContinueAndWaitAsync<TProcess>(id, options: null, progress, cancellationToken);

    /// <summary>Continues a process as <paramref name="options"/> say and waits for its outputs in one round trip.</summary>
    internal async ValueTask<TProcess> ContinueAndWaitAsync<TProcess>(
        ProcessId id, ContinueOptions? options, IProgress<ProcessStatus>? progress = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var flags = FrameFlags.WaitForOutputs | (progress is null ? FrameFlags.None : FrameFlags.Subscribe);
        using var reply = await CallAsync(FrameType.Continue, flags, writer => WriteContinue(writer, id, options), progress, cancellationToken).ConfigureAwait(false);
        return ReadOutputs<TProcess>(reply, sentInputs: null);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessStatus> GetStatusAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        var details = StatusDetailsFlag;
        var reply = await CallAsync(FrameType.Status, details, writer => WireCodec.WriteId(writer, id), null, cancellationToken).ConfigureAwait(false);
        return details == FrameFlags.None
            ? ReadReply(reply, FrameType.Status, static (ref ProcessReader reader) => WireCodec.ReadStatus(ref reader))
            : ReadReply(reply, FrameType.Status, static (ref ProcessReader reader) => WireCodec.ReadStatus(ref reader, details: true));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var details = StatusDetailsFlag;
        var reply = await CallAsync(FrameType.List, details, static _ => { }, null, cancellationToken).ConfigureAwait(false);
        return details == FrameFlags.None
            ? ReadReply(reply, FrameType.List, static (ref ProcessReader reader) => WireCodec.ReadStatusList(ref reader))
            : ReadReply(reply, FrameType.List, static (ref ProcessReader reader) => WireCodec.ReadStatusList(ref reader, details: true));
    }

    /// <inheritdoc />
    public async ValueTask<ProcessControlResult> PauseAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(FrameType.Pause, FrameFlags.None, writer => WritePause(writer, id, message), null, cancellationToken).ConfigureAwait(false);
        return ReadControlResult(reply, FrameType.Pause);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessControlResult> PlayAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(FrameType.Play, FrameFlags.None, writer => WireCodec.WriteId(writer, id), null, cancellationToken).ConfigureAwait(false);
        return ReadControlResult(reply, FrameType.Play);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessControlResult> KillAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(FrameType.Kill, FrameFlags.None, writer => WriteKill(writer, id, message, force), null, cancellationToken).ConfigureAwait(false);
        return ReadControlResult(reply, FrameType.Kill);
    }

    /// <inheritdoc />
    public async ValueTask<int> PauseAllAsync(string? message = null, CancellationToken cancellationToken = default) =>
        ReadCount(await CallAsync(FrameType.PauseAll, FrameFlags.None, writer => writer.WriteString(message), null, cancellationToken).ConfigureAwait(false), FrameType.PauseAll);

    /// <inheritdoc />
    public async ValueTask<int> PlayAllAsync(CancellationToken cancellationToken = default) =>
        ReadCount(await CallAsync(FrameType.PlayAll, FrameFlags.None, static _ => { }, null, cancellationToken).ConfigureAwait(false), FrameType.PlayAll);

    /// <inheritdoc />
    public async ValueTask<int> KillAllAsync(string? message = null, CancellationToken cancellationToken = default) =>
        ReadCount(await CallAsync(FrameType.KillAll, FrameFlags.None, writer => writer.WriteString(message), null, cancellationToken).ConfigureAwait(false), FrameType.KillAll);

    /// <inheritdoc />
    /// <remarks>
    /// The worker sends no answer; a failure is only logged there. The id is chosen here (or
    /// <see cref="LaunchOptions.Id"/> when set), so the process can be controlled afterwards.
    /// </remarks>
    public async ValueTask<ProcessId> SubmitAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        options ??= new LaunchOptions();
        var id = options.Id ?? ProcessId.New();
        options = options with { Id = id };
        ArgumentNullException.ThrowIfNull(process);
        await PostAsync(FrameType.Launch, writer => WriteLaunch(writer, process, options), cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Fire and forget: pauses a process without waiting for an answer.</summary>
    internal Task PauseWithoutReplyAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default) =>
        PostAsync(FrameType.Pause, writer => WritePause(writer, id, message), cancellationToken);

    /// <summary>Fire and forget: plays a process without waiting for an answer.</summary>
    internal Task PlayWithoutReplyAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        PostAsync(FrameType.Play, writer => WireCodec.WriteId(writer, id), cancellationToken);

    /// <summary>Fire and forget: kills a process without waiting for an answer.</summary>
    internal Task KillWithoutReplyAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        PostAsync(FrameType.Kill, writer => WriteKill(writer, id, message, force), cancellationToken);

    /// <summary>Waits for a process by id and returns it with its outputs (what a remote handle's <c>WaitAsync</c> calls).</summary>
    internal async ValueTask<TProcess> WaitAsync<TProcess>(ProcessId id, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var flags = progress is null ? FrameFlags.None : FrameFlags.Subscribe;
        using var reply = await CallAsync(FrameType.Wait, flags, writer => WireCodec.WriteId(writer, id), progress, cancellationToken).ConfigureAwait(false);
        return ReadOutputs<TProcess>(reply, sentInputs: null);
    }

    /// <summary>
    /// Writes a launch payload: the name, the inputs section serialized straight into the frame
    /// behind its <c>int32</c> length (the wire form of <c>bytes</c>), then the launch options.
    /// </summary>
    private static void WriteLaunch<TProcess>(ProcessWriter writer, TProcess process, LaunchOptions? options)
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

    /// <inheritdoc />
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, CancellationToken cancellationToken = default)
    {
        ProcessEventPayload.CheckName(eventName);
        return RaiseEventCoreAsync(id, eventName, payloadType: null, Array.Empty<byte>(), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ProcessEventResult> RaiseEventAsync<TPayload>(ProcessId id, string eventName, TPayload payload, CancellationToken cancellationToken = default)
        where TPayload : Ports.IPortNamespace<TPayload>
    {
        ProcessEventPayload.CheckName(eventName);
        var bytes = ProcessEventPayload.Serialize(eventName, payload);
        return RaiseEventCoreAsync(id, eventName, ProcessEventPayload.TypeName<TPayload>(), bytes, cancellationToken);
    }

    private async ValueTask<ProcessEventResult> RaiseEventCoreAsync(ProcessId id, string eventName, string? payloadType, byte[] payload, CancellationToken cancellationToken)
    {
        var reply = await CallAsync(
            FrameType.RaiseEvent,
            FrameFlags.None,
            writer =>
            {
                WireCodec.WriteId(writer, id);
                writer.WriteString(eventName);
                writer.WriteString(payloadType);
                writer.WriteBytes(payload);
            },
            null,
            cancellationToken).ConfigureAwait(false);
        return ReadReply(reply, FrameType.RaiseEvent, static (ref ProcessReader reader) => WireCodec.ReadEventResult(ref reader));
    }

    private static void WriteContinue(ProcessWriter writer, ProcessId id, ContinueOptions? options)
    {
        WireCodec.WriteId(writer, id);
        WireCodec.WriteContinueOptions(writer, options);
    }

    private static void WritePause(ProcessWriter writer, ProcessId id, string? message)
    {
        WireCodec.WriteId(writer, id);
        writer.WriteString(message);
    }

    private static void WriteKill(ProcessWriter writer, ProcessId id, string? message, bool force)
    {
        WireCodec.WriteId(writer, id);
        writer.WriteString(message);
        writer.WriteBoolean(force);
    }

    private static void EnsureType<TProcess>(ProcessStatus status)
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
    /// inputs), then the outputs read into it. Reads the reply where the read loop put it, in its
    /// pooled buffer; the caller disposes the frame afterwards.
    /// </summary>
    private static TProcess ReadOutputs<TProcess>(Frame reply, TProcess? sentInputs)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var descriptor = TProcess.Descriptor;
        try
        {
            var reader = new ProcessReader(reply.Payload);
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

    private delegate T PayloadReader<T>(ref ProcessReader reader);

    /// <summary>A process type's name with its wire encoding, to check the name in every reply without decoding it.</summary>
    private static class ProcessName<TProcess>
        where TProcess : class, IProcessDefinition<TProcess>
    {
        public static readonly EncodedString Encoded = new(TProcess.Descriptor.Name);
    }

    /// <summary>Reads a reply payload with <paramref name="read"/> and returns its buffer to the pool.</summary>
    private static T ReadReply<T>(Frame reply, FrameType call, PayloadReader<T> read)
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

    private static ProcessControlResult ReadControlResult(Frame reply, FrameType call) =>
        ReadReply(reply, call, static (ref ProcessReader reader) => WireCodec.ReadControlResult(ref reader));

    private static int ReadCount(Frame reply, FrameType call) =>
        ReadReply(reply, call, static (ref ProcessReader reader) => reader.ReadInt32());
}
