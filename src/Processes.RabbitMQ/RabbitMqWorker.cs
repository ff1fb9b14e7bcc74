using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;
using Microsoft.Extensions.Logging;

namespace Processes.RabbitMQ;

/// <summary>
/// Serves a <see cref="ProcessRuntime"/> to <see cref="RabbitMqProcessClient"/>s through the
/// broker. It consumes the work queues of the process types it serves, at most
/// <see cref="RabbitMqWorkerOptions.Slots"/> messages at a time, and acknowledges a launch or
/// continue only once its outcome is durable: the process terminated and stored, or checkpointed
/// and detached (then the message goes back to the queue). A message redelivered after a worker
/// died is continued here from the process's last checkpoint, once the dead worker's lease has
/// lapsed. The runtime (and its shared store) is the caller's: stopping the worker does not stop it.
/// </summary>
public sealed partial class RabbitMqWorker : IAsyncDisposable
{
    private readonly ProcessRuntime _runtime;
    private readonly RabbitMqWorkerOptions _options;
    private readonly Topology _topology;
    private readonly ILogger _logger;
    // One operation at a time per channel: settlements on the work channel, route changes on the
    // control channel (two locks, so a bind's round trip never holds up an acknowledgement).
    private readonly SemaphoreSlim _settlements = new(1, 1);
    private readonly SemaphoreSlim _routeChanges = new(1, 1);
    private readonly ConcurrentDictionary<ProcessId, ProcessHandle> _owned = new();
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly List<string> _workConsumerTags = [];
    private readonly string _workerQueue;
    private IConnection? _connection;
    private IChannel? _work;
    private IChannel? _control;
    private IChannel? _publisher;
    private long _generation;
    private int _taken;
    private int _takenOver;
    private int _stopped;

    /// <summary>Creates a worker for <paramref name="runtime"/>; <see cref="StartAsync"/> connects it.</summary>
    public RabbitMqWorker(ProcessRuntime runtime, RabbitMqWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _options = options ?? new RabbitMqWorkerOptions();
        if (_options.Slots is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Slots, "Slots must be 1 to 65535.");
        }

        _topology = new Topology(_options.Connection.Prefix);
        _logger = _options.LoggerFactory.CreateLogger("Processes.RabbitMQ.Worker");
        WorkerId = _options.WorkerId ?? runtime.OwnerId;
        ProcessNames = _options.ProcessNames?.ToArray() ?? runtime.Registry.Descriptors.Select(descriptor => descriptor.Name).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in ProcessNames)
        {
            runtime.Registry.Get(name); // throws UnknownProcessTypeException now rather than at the first message
        }

        _workerQueue = _topology.WorkerQueue(WorkerId);
    }

    /// <summary>The worker's name in queue names and logs.</summary>
    public string WorkerId { get; }

    /// <summary>The process types whose work queues this worker consumes.</summary>
    public IReadOnlyList<string> ProcessNames { get; }

    /// <summary>How many launch and continue messages this worker has taken (redeliveries included).</summary>
    public int ProcessesTaken => Volatile.Read(ref _taken);

    /// <summary>How many of them it continued from a checkpoint another worker (or an earlier delivery) left.</summary>
    public int ProcessesTakenOver => Volatile.Read(ref _takenOver);

    /// <summary>
    /// Connects (retrying with back-off), declares the deployment's exchanges and the work queues
    /// of <see cref="ProcessNames"/>, and starts consuming. Throws
    /// <see cref="RabbitMqConnectionException"/> when the broker stays unreachable.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_connection is not null)
        {
            throw new InvalidOperationException("The worker has already been started.");
        }

        var connection = await BrokerConnector.ConnectAsync(_options.Connection, "processes-worker-" + WorkerId, cancellationToken).ConfigureAwait(false);
        _connection = connection;
        connection.ConnectionShutdownAsync += OnConnectionShutdownAsync;
        connection.RecoverySucceededAsync += OnRecoverySucceededAsync;
        _publisher = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _topology.DeclareExchangesAsync(_publisher, cancellationToken).ConfigureAwait(false);
        _runtime.StateChanged += OnStateChanged;
        await StartChildDispatchAsync(connection, cancellationToken).ConfigureAwait(false);
        await StartSharedStatesAsync(connection, cancellationToken).ConfigureAwait(false);

        // Control first, so a process taken below can be reached by id as soon as it starts.
        _control = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _control.QueueDeclareAsync(_workerQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _control.QueueBindAsync(_workerQueue, _topology.BroadcastExchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
        var controlConsumer = new AsyncEventingBasicConsumer(_control);
        controlConsumer.ReceivedAsync += OnControlAsync;
        await _control.BasicConsumeAsync(_workerQueue, autoAck: true, controlConsumer, cancellationToken).ConfigureAwait(false);
        await _control.BasicConsumeAsync(_topology.UnroutedQueue, autoAck: true, controlConsumer, cancellationToken).ConfigureAwait(false);

        // One channel for every work queue, with one prefetch shared by them all (global QoS is
        // per channel in RabbitMQ): the broker never hands this worker more than its slots.
        _work = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _work.ChannelShutdownAsync += OnWorkChannelShutdownAsync;
        await _work.BasicQosAsync(0, (ushort)_options.Slots, global: true, cancellationToken).ConfigureAwait(false);
        var workConsumer = new AsyncEventingBasicConsumer(_work);
        workConsumer.ReceivedAsync += OnWorkAsync;
        // A client's chunked MapAsync sends chunks of a served type (MapOptions.ChunkSize) under their own name.
        foreach (var name in ProcessNames.Concat(ProcessNames.Select(Processes.Runtime.MapChunkNames.For)))
        {
            await _topology.DeclareWorkQueueAsync(_work, name, cancellationToken).ConfigureAwait(false);
            _workConsumerTags.Add(await _work.BasicConsumeAsync(_topology.WorkQueue(name), autoAck: false, workConsumer, cancellationToken).ConfigureAwait(false));
        }

        WorkerLog.Started(_logger, WorkerId, string.Join(", ", ProcessNames), _options.Slots, _options.Connection);
    }

    /// <summary>
    /// Drains the worker: it takes no more work, waits until every process it runs has
    /// terminated or detached (and its message is acknowledged or returned), then stops. Another
    /// worker takes what is still queued.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        await CancelWorkConsumersAsync().ConfigureAwait(false);
        while (!_inFlight.IsEmpty)
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops consuming and closes the connection. Messages of processes still running here go back
    /// to their queues; stop the runtime too (it detaches them at their checkpoints) so another
    /// worker can take them over.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _connection is null)
        {
            return;
        }

        _runtime.StateChanged -= OnStateChanged;
        StopChildDispatch();
        try
        {
            await _connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or OperationCanceledException)
        {
            // Already closed by the broker or the network.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the worker (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _settlements.Dispose();
        _routeChanges.Dispose();
    }

    /// <summary>The worker's id, types and broker (the password redacted).</summary>
    public override string ToString() => $"RabbitMQ worker {WorkerId} of {_options.Connection}";

    private async Task CancelWorkConsumersAsync()
    {
        if (_work is null)
        {
            return;
        }

        foreach (var tag in _workConsumerTags)
        {
            try
            {
                await _work.BasicCancelAsync(tag).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException)
            {
                // The connection is gone: nothing is consumed anyway.
            }
        }
    }

    private Task OnConnectionShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        // Every unacknowledged delivery is back in its queue now; tags taken before are void.
        Interlocked.Increment(ref _generation);
        if (Volatile.Read(ref _stopped) == 0)
        {
            WorkerLog.ConnectionLost(_logger, reason.ReplyText);
        }

        return Task.CompletedTask;
    }

    private Task OnWorkChannelShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        // Automatic recovery reopens channels lost with their connection, not one the broker closed
        // for a channel error: say so loudly rather than stop consuming in silence.
        if (reason.Initiator != ShutdownInitiator.Application && _connection is { IsOpen: true } && Volatile.Read(ref _stopped) == 0)
        {
            WorkerLog.WorkChannelClosed(_logger, reason.ReplyText);
        }

        return Task.CompletedTask;
    }

    private Task OnRecoverySucceededAsync(object sender, AsyncEventArgs args)
    {
        WorkerLog.Reconnected(_logger);
        return Task.CompletedTask;
    }

    /// <summary>Runs a delivery's work in the background and tracks it until it is settled (for <see cref="DrainAsync"/>).</summary>
    private void Track(Func<Task> work)
    {
        var task = Task.Run(work);
        _inFlight[task] = true;
        task.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, bool>)state!).TryRemove(done, out _), _inFlight, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
