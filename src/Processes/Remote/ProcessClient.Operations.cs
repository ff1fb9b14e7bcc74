using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote.Protocol;
using Processes.Runtime;
using Processes.Serialization;

using static Processes.Remote.ClientFrames;

namespace Processes.Remote;

/// <summary>The operations: typed run, launch and continue, control by id, status, list, and fire-and-forget variants.</summary>
public sealed partial class ProcessClient
{
    /// <inheritdoc />
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, progress: null, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, progress, FrameFlags.None, cancellationToken);

    /// <summary>
    /// A run: the launch frame (with <paramref name="extraFlags"/>) and the wait for its outputs in
    /// one round trip. No async state machine: the awaitable is a pooled <see cref="RunReplyCall{TProcess}"/>
    /// that the read loop completes with the outputs read straight from the reply.
    /// </summary>
    private ValueTask<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, FrameFlags extraFlags, CancellationToken cancellationToken)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        if (process is null)
        {
            return ValueTask.FromException<TProcess>(new ArgumentNullException(nameof(process)));
        }

        var flags = FrameFlags.WaitForOutputs | extraFlags | (progress is null ? FrameFlags.None : FrameFlags.Subscribe);
        Request request;
        TProcess result;
        try
        {
            request = BeginRequest(FrameType.Launch, flags);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TProcess>(exception);
        }

        try
        {
            // The inputs go straight into the frame; the result is a new instance with the caller's
            // input values (never the caller's own instance, and nothing read back from bytes).
            WriteLaunch(request.Writer, process, options: null);
            result = TProcess.Descriptor.CopyInputs(process);
        }
        catch (Exception exception)
        {
            request.Abandon();
            return ValueTask.FromException<TProcess>(exception);
        }

        return SendAsync(request, RunReplyCall<TProcess>.Rent(this, request.Id, progress, cancellationToken, result), cancellationToken);
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
    /// Continues a process on the worker by id alone, without the caller knowing its type: the
    /// worker creates it by the registered type name its checkpoint records (so the worker, not the
    /// caller, must register the type; else <see cref="UnknownProcessTypeException"/>). Returns the
    /// status right after continuing; follow it with <see cref="GetStatusAsync"/> or the typed
    /// <see cref="ContinueAsync{TProcess}(ProcessId, ContinueOptions?, CancellationToken)"/>, which
    /// returns the already running process. A process the worker already runs is left as it is.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The worker's store has no checkpoint with this id.</exception>
    /// <exception cref="ProcessOwnedException">Another runtime holds the process (and <paramref name="options"/> did not say to wait).</exception>
    public async ValueTask<ProcessStatus> ContinueAsync(ProcessId id, ContinueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(FrameType.Continue, FrameFlags.None, writer => WriteContinue(writer, id, options), null, cancellationToken).ConfigureAwait(false);
        return ReadReply(reply, FrameType.Continue, static (ref ProcessReader reader) => WireCodec.ReadStatus(ref reader));
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
        return ReadOutputs<TProcess>(reply.Payload, sentInputs: null);
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
        return ReadOutputs<TProcess>(reply.Payload, sentInputs: null);
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

    /// <summary>
    /// Raises an event with a payload given as a JSON object, for a caller without the payload's
    /// type: the worker reads it as <paramref name="payloadType"/> (a <c>[PortNamespace]</c> type it
    /// registered with <see cref="ProcessRegistry.RegisterEventPayload{TPayload}"/>), as
    /// <see cref="ProcessRuntime.RaiseEventAsync(ProcessId, string, string, string, CancellationToken)"/> does.
    /// </summary>
    /// <exception cref="Ports.PortValidationException">The JSON or the type is not acceptable (every error at its path under <c>event.&lt;name&gt;</c>).</exception>
    /// <exception cref="NotSupportedException">The worker is of a version that reads no JSON payloads.</exception>
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, string payloadType, string payloadJson, CancellationToken cancellationToken = default)
    {
        ProcessEventPayload.CheckName(eventName);
        ArgumentException.ThrowIfNullOrEmpty(payloadType);
        ArgumentNullException.ThrowIfNull(payloadJson);
        if ((_workerFeatures & WorkerFeatures.JsonEventPayloads) == 0)
        {
            throw new NotSupportedException($"The worker on '{PipeName}' reads no JSON event payloads (an older version); raise the event with a typed payload.");
        }

        return RaiseEventCoreAsync(id, eventName, payloadType, System.Text.Encoding.UTF8.GetBytes(payloadJson), cancellationToken, FrameFlags.JsonPayload);
    }

    private async ValueTask<ProcessEventResult> RaiseEventCoreAsync(
        ProcessId id, string eventName, string? payloadType, byte[] payload, CancellationToken cancellationToken, FrameFlags flags = FrameFlags.None)
    {
        var reply = await CallAsync(
            FrameType.RaiseEvent,
            flags,
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
}
