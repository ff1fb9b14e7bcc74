using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.RabbitMQ.Messages;
using Processes.Remote.Protocol;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes.RabbitMQ;

/// <summary>The <see cref="IProcessClient"/> verbs over the broker.</summary>
public sealed partial class RabbitMqProcessClient
{
    /// <inheritdoc />
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, progress: null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The launch is queued durably and answered by whichever worker finishes it (another one if
    /// the first dies). If this client's connection drops meanwhile, the call waits for the
    /// process by id once reconnected, so it still returns the outputs. Over the broker a run
    /// keeps its checkpoints (a redelivered launch must find them); purge them with the store's retention.
    /// </remarks>
    public async ValueTask<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        var id = ProcessId.New();
        var result = TProcess.Descriptor.CopyInputs(process);
        await using var watch = progress is null ? null : await ProgressReporter.StartAsync(this, id, progress, cancellationToken).ConfigureAwait(false);
        var call = _pending.BeginCall();
        try
        {
            await EnsureWorkQueueAsync(TProcess.Descriptor.Name, cancellationToken).ConfigureAwait(false);
            var body = WorkMessage.EncodeLaunch(process, id, options: null, WorkReplies.Outputs);
            await PublishDurableAsync("", _topology.WorkQueue(TProcess.Descriptor.Name), MessageKind.Launch, Topology.BrokerPriority(null), call.CorrelationId, body, cancellationToken).ConfigureAwait(false);
            byte[] answer;
            try
            {
                answer = await call.Answer.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RabbitMqConnectionException)
            {
                // The answer may be lost with the reply queue; the process is not: wait for it by id.
                return await WaitForOutputsAsync(id, result, cancellationToken).ConfigureAwait(false);
            }

            if (answer is [(byte)ReplyOutcome.NotRunning])
            {
                // The process parked to wait for children on other workers: whoever continues it
                // finishes it, so its outputs are waited for by id.
                return await WaitForOutputsAsync(id, result, cancellationToken).ConfigureAwait(false);
            }

            return ReadOutputs(answer, result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Only this caller knew the id: the process must not run on unobserved.
            await KillQuietlyAsync(id, "The remote caller cancelled the run.").ConfigureAwait(false);
            throw;
        }
        finally
        {
            _pending.End(call);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns once a worker has taken the launch and stored its first checkpoint, which may be
    /// later than the call if every worker serving the type is busy.
    /// <see cref="LaunchOptions.Priority"/> orders the queue.
    /// </remarks>
    public async ValueTask<IProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        var id = options?.Id ?? ProcessId.New();
        var body = WorkMessage.EncodeLaunch(process, id, options, WorkReplies.Started);
        var status = await QueueWorkAsync(TProcess.Descriptor.Name, MessageKind.Launch, Topology.BrokerPriority(options), body, cancellationToken).ConfigureAwait(false);
        return new RabbitMqProcessHandle<TProcess>(this, status.Id, status.Name);
    }

    /// <inheritdoc />
    /// <remarks>Returns once the broker has stored the launch message; a worker starts it when a slot is free, by <see cref="LaunchOptions.Priority"/>.</remarks>
    public async ValueTask<ProcessId> SubmitAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        var id = options?.Id ?? ProcessId.New();
        await EnsureWorkQueueAsync(TProcess.Descriptor.Name, cancellationToken).ConfigureAwait(false);
        var body = WorkMessage.EncodeLaunch(process, id, options, WorkReplies.None);
        _submitted.Remember(id, TProcess.Descriptor.Name);
        await PublishDurableAsync("", _topology.WorkQueue(TProcess.Descriptor.Name), MessageKind.Launch, Topology.BrokerPriority(options), correlationId: null, body, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => ContinueAsync<TProcess>(id, options: null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The continue is queued on the type's work queue like a launch, and taken by a worker that serves the type.</remarks>
    public async ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var body = WorkMessage.EncodeContinue(id, TProcess.Descriptor.Name, options, WorkReplies.Started);
        var status = await QueueWorkAsync(TProcess.Descriptor.Name, MessageKind.Continue, Topology.BrokerPriority(null), body, cancellationToken).ConfigureAwait(false);
        if (status.Name != TProcess.Descriptor.Name)
        {
            throw new InvalidOperationException($"Process {status.Id} is a {status.Name}, not a {TProcess.Descriptor.Name}.");
        }

        return new RabbitMqProcessHandle<TProcess>(this, status.Id, status.Name);
    }

    /// <summary>
    /// A handle to a process by id (e.g. one started with <see cref="SubmitAsync{TProcess}"/>),
    /// without continuing it: its calls reach whichever worker owns the process when they are made,
    /// and its waits follow the process from worker to worker. Nothing is sent until a call is made.
    /// </summary>
    public IProcessHandle<TProcess> GetHandle<TProcess>(ProcessId id)
        where TProcess : class, IProcessDefinition<TProcess> => new RabbitMqProcessHandle<TProcess>(this, id, TProcess.Descriptor.Name);

    /// <inheritdoc />
    public async ValueTask<ProcessStatus> GetStatusAsync(ProcessId id, CancellationToken cancellationToken = default)
    {
        var answer = await CallByIdAsync(new ControlRequest(MessageKind.Status, id, null, false, TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
        try
        {
            var status = ReadAnswer(answer, static (ref ProcessReader reader) => WireCodec.ReadStatus(ref reader, details: true));
            _submitted.Forget(id);
            return status;
        }
        catch (CheckpointNotFoundException) when (_submitted.TryGetQueued(id, out var queued))
        {
            // Submitted by this client and still in the queue: no worker has it and no checkpoint exists yet.
            return queued;
        }
    }

    /// <inheritdoc />
    /// <remarks>Asks every worker and lists what answers within <see cref="RabbitMqClientOptions.BroadcastTimeout"/>.</remarks>
    public async ValueTask<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var statuses = new List<ProcessStatus>();
        foreach (var answer in await BroadcastAsync(MessageKind.List, null, cancellationToken).ConfigureAwait(false))
        {
            statuses.AddRange(ReadAnswer(answer, static (ref ProcessReader reader) => WireCodec.ReadStatusList(ref reader, details: true)));
        }

        return statuses;
    }

    /// <inheritdoc />
    public async ValueTask<ProcessControlResult> PauseAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default) =>
        ReadControlResult(await CallByIdAsync(new ControlRequest(MessageKind.Pause, id, message, false, TimeSpan.Zero), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    /// <remarks>By RPC to the worker that owns the process; when none owns it, any worker stores the event into its checkpoint.</remarks>
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, CancellationToken cancellationToken = default)
    {
        ProcessEventPayload.CheckName(eventName);
        return RaiseEventCoreAsync(new ControlRequest(MessageKind.RaiseEvent, id, eventName, false, TimeSpan.Zero), cancellationToken);
    }

    /// <inheritdoc cref="RaiseEventAsync(ProcessId, string, CancellationToken)" />
    public ValueTask<ProcessEventResult> RaiseEventAsync<TPayload>(ProcessId id, string eventName, TPayload payload, CancellationToken cancellationToken = default)
        where TPayload : Ports.IPortNamespace<TPayload>
    {
        ProcessEventPayload.CheckName(eventName);
        var bytes = ProcessEventPayload.Serialize(eventName, payload);
        return RaiseEventCoreAsync(
            new ControlRequest(MessageKind.RaiseEvent, id, eventName, false, TimeSpan.Zero) { PayloadType = ProcessEventPayload.TypeName<TPayload>(), Payload = bytes },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// By RPC like the typed raise (message kind <c>raise-event-json</c>): the worker that takes it
    /// reads the JSON with its registry, so the payload type must be registered in the workers'
    /// registry. A worker older than this kind answers with a protocol error.
    /// </remarks>
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, string payloadType, string payloadJson, CancellationToken cancellationToken = default)
    {
        ProcessEventPayload.CheckName(eventName);
        ArgumentException.ThrowIfNullOrEmpty(payloadType);
        ArgumentNullException.ThrowIfNull(payloadJson);
        return RaiseEventCoreAsync(
            new ControlRequest(MessageKind.RaiseEventJson, id, eventName, false, TimeSpan.Zero) { PayloadType = payloadType, Payload = System.Text.Encoding.UTF8.GetBytes(payloadJson) },
            cancellationToken);
    }

    private async ValueTask<ProcessEventResult> RaiseEventCoreAsync(ControlRequest request, CancellationToken cancellationToken) =>
        ReadAnswer(await CallByIdAsync(request, cancellationToken).ConfigureAwait(false), static (ref ProcessReader reader) => WireCodec.ReadEventResult(ref reader));

    /// <inheritdoc />
    public async ValueTask<ProcessControlResult> PlayAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        ReadControlResult(await CallByIdAsync(new ControlRequest(MessageKind.Play, id, null, false, TimeSpan.Zero), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask<ProcessControlResult> KillAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        ReadControlResult(await CallByIdAsync(new ControlRequest(MessageKind.Kill, id, message, force, TimeSpan.Zero), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    /// <remarks>Broadcast to every worker; counts the answers that arrive within <see cref="RabbitMqClientOptions.BroadcastTimeout"/>.</remarks>
    public async ValueTask<int> PauseAllAsync(string? message = null, CancellationToken cancellationToken = default) =>
        SumCounts(await BroadcastAsync(MessageKind.PauseAll, message, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    /// <remarks>Broadcast to every worker; counts the answers that arrive within <see cref="RabbitMqClientOptions.BroadcastTimeout"/>.</remarks>
    public async ValueTask<int> PlayAllAsync(CancellationToken cancellationToken = default) =>
        SumCounts(await BroadcastAsync(MessageKind.PlayAll, null, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    /// <remarks>Broadcast to every worker; counts the answers that arrive within <see cref="RabbitMqClientOptions.BroadcastTimeout"/>.</remarks>
    public async ValueTask<int> KillAllAsync(string? message = null, CancellationToken cancellationToken = default) =>
        SumCounts(await BroadcastAsync(MessageKind.KillAll, message, cancellationToken).ConfigureAwait(false));

    /// <summary>Queues a launch or continue and waits until a worker has started it; returns its status then.</summary>
    private async Task<ProcessStatus> QueueWorkAsync(string processName, string kind, byte priority, byte[] body, CancellationToken cancellationToken)
    {
        await EnsureWorkQueueAsync(processName, cancellationToken).ConfigureAwait(false);
        var call = _pending.BeginCall();
        try
        {
            await PublishDurableAsync("", _topology.WorkQueue(processName), kind, priority, call.CorrelationId, body, cancellationToken).ConfigureAwait(false);
            var answer = await call.Answer.WaitAsync(cancellationToken).ConfigureAwait(false);
            return ReadAnswer(answer, static (ref ProcessReader reader) => WireCodec.ReadStatus(ref reader));
        }
        finally
        {
            _pending.End(call);
        }
    }

    /// <summary>Sends a control call to the worker that owns the process (any worker answers from the store when none does).</summary>
    private async Task<byte[]> CallByIdAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var call = _pending.BeginCall();
        try
        {
            await PublishCallAsync(_topology.ControlExchange, Topology.ControlRoutingKey(request.Id), request.Kind, call.CorrelationId, ControlRequest.Encode(request), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
            try
            {
                return await call.Answer.WaitAsync(_options.CallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No worker answered {request.Kind} of process {request.Id} within {_options.CallTimeout}.");
            }
        }
        finally
        {
            _pending.End(call);
        }
    }

    /// <summary>Sends a call to every worker and collects the answers that arrive within the broadcast timeout.</summary>
    private async Task<IReadOnlyCollection<byte[]>> BroadcastAsync(string kind, string? message, CancellationToken cancellationToken)
    {
        var broadcast = _pending.BeginBroadcast();
        try
        {
            var body = ControlRequest.Encode(new ControlRequest(kind, default, message, false, TimeSpan.Zero));
            await PublishCallAsync(_topology.BroadcastExchange, "", kind, broadcast.CorrelationId, body, _options.BroadcastTimeout, cancellationToken).ConfigureAwait(false);
            await Task.Delay(_options.BroadcastTimeout, cancellationToken).ConfigureAwait(false);
            return broadcast.Answers;
        }
        finally
        {
            _pending.End(broadcast);
        }
    }

    /// <summary>
    /// Waits for a process by id until it terminates and returns it with its outputs: asks the
    /// owner (which holds the call up to <see cref="RabbitMqClientOptions.WaitLongPoll"/>), and
    /// asks again when the answer is "still running", "not running yet", or lost with a worker or
    /// a connection. <paramref name="sentInputs"/>: an instance with the inputs (a run), else the
    /// answer brings them.
    /// </summary>
    internal async ValueTask<TProcess> WaitForOutputsAsync<TProcess>(ProcessId id, TProcess? sentInputs, CancellationToken cancellationToken)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var pause = TimeSpan.FromMilliseconds(50);
        var request = ControlRequest.Encode(new ControlRequest(MessageKind.Wait, id, null, false, _options.WaitLongPoll));
        while (true)
        {
            var call = _pending.BeginCall();
            try
            {
                await PublishCallAsync(_topology.ControlExchange, Topology.ControlRoutingKey(id), MessageKind.Wait, call.CorrelationId, request, _options.CallTimeout, cancellationToken).ConfigureAwait(false);
                var answer = await call.Answer.WaitAsync(_options.WaitLongPoll + _options.CallTimeout, cancellationToken).ConfigureAwait(false);
                switch (Replies.Open(answer))
                {
                    case ReplyOutcome.Ok:
                        return ReadOutputs(answer, sentInputs);
                    case ReplyOutcome.StillRunning:
                        pause = TimeSpan.FromMilliseconds(50);
                        continue;
                }
            }
            catch (Exception exception) when (exception is TimeoutException or RabbitMqConnectionException && !cancellationToken.IsCancellationRequested)
            {
                // The worker asked died, or the connection is recovering: ask again after the pause.
            }
            finally
            {
                _pending.End(call);
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, _options.WaitRetryMaxDelay.Ticks));
        }
    }

    private async Task KillQuietlyAsync(ProcessId id, string message)
    {
        try
        {
            await KillAsync(id, message, force: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ProcessException or TimeoutException or ObjectDisposedException)
        {
            // Best effort: a process nobody runs yet cannot be reached, and the caller's cancellation wins.
        }
    }
}
