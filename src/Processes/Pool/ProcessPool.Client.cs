using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;

namespace Processes.Pool;

/// <summary>The <see cref="IProcessClient"/> calls: launches go through the queue; control and status by id go to the process wherever it runs.</summary>
public sealed partial class ProcessPool
{
    /// <inheritdoc />
    /// <remarks>Runs at priority 0; see <see cref="RunAsync{TProcess}(TProcess, int, IProgress{ProcessStatus}?, CancellationToken)"/>.</remarks>
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, priority: LaunchOptions.DefaultPriority, progress: null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Runs at priority 0; see <see cref="RunAsync{TProcess}(TProcess, int, IProgress{ProcessStatus}?, CancellationToken)"/>.</remarks>
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, priority: LaunchOptions.DefaultPriority, progress, cancellationToken);

    /// <summary>
    /// Runs a process at a priority level (lower first) and returns an instance with its outputs.
    /// A task runs inline on its worker and, if the worker dies, again from its inputs on another;
    /// a process is launched under an id and continued from its checkpoint if its worker dies (so
    /// its terminal checkpoint stays in the store, as for a launch). Cancelling removes a queued
    /// run, or kills a running one, and throws <see cref="OperationCanceledException"/>. A run of a
    /// <see cref="SingleInstanceAttribute"/> type whose key is taken joins the holder (its outputs)
    /// or throws <see cref="DuplicateProcessException"/>, as the type declares.
    /// </summary>
    public async ValueTask<TProcess> RunAsync<TProcess>(TProcess process, int priority, IProgress<ProcessStatus>? progress = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        ThrowIfInvalid(process);
        // A process, or a single-instance task (a duplicate must be able to join it), runs as a launch under an id.
        if (TProcess.Descriptor.Kind == ProcessKind.Process || TProcess.Descriptor.Concurrency is { SingleInstance: true })
        {
            var handle = Launch(process, new LaunchOptions { Priority = priority }, out var joined);
            try
            {
                return await handle.WaitAsync(progress, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !joined)
            {
                // A caller that joined another's instance stops waiting; it does not kill what others wait for.
                await handle.KillAsync("The caller cancelled the run.", force: false, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        var item = new PoolRunItem<TProcess>(process, progress, priority, NextSequence(), cancellationToken) { MaxRunning = TProcess.Descriptor.Concurrency?.MaxRunning };
        Enqueue(item);
        using (cancellationToken.Register(() =>
        {
            if (TryRemoveQueued(item))
            {
                item.Drop(new OperationCanceledException(cancellationToken));
            }
        }))
        {
            return await item.Result.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The handle is returned at once, while the launch waits in the queue for a slot (at
    /// <see cref="LaunchOptions.Priority"/>). Inputs are validated here, before queueing; a launch
    /// the worker refuses fails the handle's waits. The handle follows the process if its worker dies.
    /// A launch of a <see cref="SingleInstanceAttribute"/> type whose key a launch of this pool holds
    /// (waiting or running) returns that launch's handle, or throws <see cref="DuplicateProcessException"/>.
    /// </remarks>
    public ValueTask<IProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> =>
        new(Launch(process, options, out _));

    /// <summary>Queues a launch, or joins the single-instance holder of its key (<paramref name="joined"/>).</summary>
    private IProcessHandle<TProcess> Launch<TProcess>(TProcess process, LaunchOptions? options, out bool joined)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        ThrowIfInvalid(process);
        options ??= new LaunchOptions();
        var handle = new PoolProcessHandle<TProcess>(this, options.Id ?? ProcessId.New(), TProcess.Descriptor.Name, options.Priority);
        var item = new PoolLaunchItem<TProcess>(handle, process, options, firstContinue: null, ResumeOptions, NextSequence()) { MaxRunning = TProcess.Descriptor.Concurrency?.MaxRunning };
        handle.Item = item;
        if (TProcess.Descriptor.Concurrency is { SingleInstance: true } limits && ClaimInstance(item, TProcess.Descriptor.ConcurrencyKey(process) ?? string.Empty, limits) is { } holder)
        {
            joined = true;
            return holder.Handle;
        }

        try
        {
            Place(handle, item);
        }
        catch
        {
            Forget(item);
            throw;
        }

        joined = false;
        return handle;
    }

    /// <summary>
    /// Runs a chain in one slot at a priority level: its tasks one after another on one worker, in
    /// order. Returns every task's outputs, or throws <see cref="ProcessChainFailedException"/> once
    /// for the first failure (the tasks after it do not run). If the worker dies, the chain goes on
    /// on another from the task that was running. Cancelling removes a queued chain or stops a
    /// running one at its current task.
    /// </summary>
    public async ValueTask<ChainResult> RunChainAsync(ProcessChain chain, int priority = LaunchOptions.DefaultPriority, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            return new ChainResult(Array.Empty<object>());
        }

        var item = new PoolChainItem(chain, priority, NextSequence(), cancellationToken);
        Enqueue(item);
        using (cancellationToken.Register(() =>
        {
            if (TryRemoveQueued(item))
            {
                item.Drop(new OperationCanceledException(cancellationToken));
            }
        }))
        {
            return await item.Result.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Queues the launch as <see cref="LaunchAsync{TProcess}"/> does and returns its id.</remarks>
    public async ValueTask<ProcessId> SubmitAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> =>
        (await LaunchAsync(process, options, cancellationToken).ConfigureAwait(false)).Id;

    /// <inheritdoc />
    public ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => ContinueAsync<TProcess>(id, options: null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A process this pool runs or queues is returned as it is (a retry, <see cref="ContinueOptions.RetryExcepted"/>,
    /// is always placed). Any other is continued in a slot
    /// like a launch at priority 0; a failure to continue (no checkpoint, owned elsewhere) fails
    /// the handle's waits.
    /// </remarks>
    public ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        // A retry must reach a worker even for a process this pool launched: its known handle
        // only follows the failed run.
        if (options is not { RetryExcepted: true } && _handles.TryGetValue(id, out var known))
        {
            return known is IProcessHandle<TProcess> typed
                ? new ValueTask<IProcessHandle<TProcess>>(typed)
                : throw new InvalidOperationException($"Process {id} is a '{known.Name}', not a '{TProcess.Descriptor.Name}'.");
        }

        var handle = new PoolProcessHandle<TProcess>(this, id, TProcess.Descriptor.Name, priority: LaunchOptions.DefaultPriority);
        var item = new PoolLaunchItem<TProcess>(handle, process: null, new LaunchOptions(), options ?? new ContinueOptions(), ResumeOptions, NextSequence());
        handle.Item = item;
        Place(handle, item, replace: options is { RetryExcepted: true });
        return new ValueTask<IProcessHandle<TProcess>>(handle);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessStatus> GetStatusAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        _handles.TryGetValue(id, out var handle)
            ? await handle.GetStatusAsync(cancellationToken).ConfigureAwait(false)
            : await AnyWorker().Client.GetStatusAsync(id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>Every worker's running processes, and every launch of this pool not ended yet: queued here (state <see cref="ProcessState.Created"/>) or placed on a worker after that worker answered.</remarks>
    public async ValueTask<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = new Dictionary<ProcessId, ProcessStatus>();
        foreach (var worker in LiveWorkers())
        {
            foreach (var status in await worker.Client.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                all[status.Id] = status;
            }
        }

        // A launch placed on a worker after that worker answered the list above is live but not in
        // it; only the pool's own handle knows it, whatever state it has reached by now.
        foreach (var (id, handle) in _handles)
        {
            if (!all.ContainsKey(id))
            {
                var status = await handle.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                if (!status.State.IsTerminal())
                {
                    all[id] = status;
                }
            }
        }

        return new List<ProcessStatus>(all.Values);
    }

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PauseAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default) =>
        _handles.TryGetValue(id, out var handle)
            ? handle.PauseAsync(message, cancellationToken)
            : OnWhicheverWorkerAsync((client, token) => client.PauseAsync(id, message, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PlayAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        _handles.TryGetValue(id, out var handle)
            ? handle.PlayAsync(cancellationToken)
            : OnWhicheverWorkerAsync((client, token) => client.PlayAsync(id, token), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> KillAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        _handles.TryGetValue(id, out var handle)
            ? handle.KillAsync(message, force, cancellationToken)
            : OnWhicheverWorkerAsync((client, token) => client.KillAsync(id, message, force, token), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<int> PauseAllAsync(string? message = null, CancellationToken cancellationToken = default)
    {
        var paused = 0;
        foreach (var worker in LiveWorkers())
        {
            paused += await worker.Client.PauseAllAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return paused;
    }

    /// <inheritdoc />
    public async ValueTask<int> PlayAllAsync(CancellationToken cancellationToken = default)
    {
        var played = 0;
        foreach (var worker in LiveWorkers())
        {
            played += await worker.Client.PlayAllAsync(cancellationToken).ConfigureAwait(false);
        }

        return played;
    }

    /// <inheritdoc />
    /// <remarks>Queued launches are killed too (they never run; their waiters get <see cref="ProcessKilledException"/>) and counted; queued task runs stay queued.</remarks>
    public async ValueTask<int> KillAllAsync(string? message = null, CancellationToken cancellationToken = default)
    {
        List<PoolWorkItem> queued;
        lock (_gate)
        {
            queued = _queue.RemoveWhere(static item => item.Id is not null);
        }

        foreach (var item in queued)
        {
            item.Drop(new ProcessKilledException(item.Id!.Value, item.ProcessName, message));
            Forget(item);
        }

        var killed = queued.Count;

        foreach (var worker in LiveWorkers())
        {
            killed += await worker.Client.KillAllAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return killed;
    }

    /// <summary>
    /// Claims a single-instance key for <paramref name="item"/>; returns null when it got it, or
    /// the item that holds it when the type joins duplicates. A rejecting type throws
    /// <see cref="DuplicateProcessException"/>.
    /// </summary>
    private PoolLaunchItem<TProcess>? ClaimInstance<TProcess>(PoolLaunchItem<TProcess> item, string key, ConcurrencyLimits limits)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        lock (_gate)
        {
            if (_instances.TryGetValue((item.ProcessName, key), out var holder))
            {
                return limits.OnDuplicate == DuplicatePolicy.Join
                    ? (PoolLaunchItem<TProcess>)holder
                    : throw new DuplicateProcessException(item.ProcessName, key, holder.Id!.Value);
            }

            item.InstanceKey = key;
            _instances.Add((item.ProcessName, key), item);
            return null;
        }
    }

    private ContinueOptions ResumeOptions => new() { WaitForOwner = _options.ContinueWaitForOwner };

    /// <param name="handle">The handle that follows the process.</param>
    /// <param name="item">The work to queue.</param>
    /// <param name="replace">A retry: the new handle replaces the one of the failed run (which keeps following that run).</param>
    private void Place(IProcessHandle handle, PoolWorkItem item, bool replace = false)
    {
        if (replace)
        {
            _handles[handle.Id] = handle;
        }
        else if (!_handles.TryAdd(handle.Id, handle))
        {
            throw new InvalidOperationException($"Process {handle.Id} is already launched through this pool.");
        }

        try
        {
            Enqueue(item);
        }
        catch
        {
            _handles.TryRemove(handle.Id, out _);
            throw;
        }
    }

    internal static void ThrowIfInvalid<TProcess>(TProcess process)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var errors = new PortErrorCollector();
        TProcess.Descriptor.ValidateInputs(process, errors);
        if (errors.HasErrors)
        {
            throw new PortValidationException(TProcess.Descriptor.Name, errors.Errors);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Merges a watch on every live worker, and follows a worker that replaces a lost one from the
    /// moment it is added (changes in between are not seen). Items still queued in the pool have
    /// no state changes to report until a worker takes them. The watch ends without an exception
    /// when the pool is closed.
    /// </remarks>
    public async IAsyncEnumerable<ProcessStatus> WatchAsync(ProcessId? id = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var watch = new PoolStatusWatch(id);
        List<PoolWorker> workers;
        lock (_gate)
        {
            if (_stopped)
            {
                throw new ObjectDisposedException(nameof(ProcessPool), "The pool has been closed.");
            }

            _watches.Add(watch);
            workers = new List<PoolWorker>(_workers);
        }

        try
        {
            foreach (var worker in workers)
            {
                watch.Follow(worker);
            }

            if (id is { } watched && await this.TryGetStatusAsync(watched, cancellationToken).ConfigureAwait(false) is { } current)
            {
                watch.QueueCurrent(current);
            }

            await foreach (var status in watch.Statuses.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return status;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watches.Remove(watch);
            }
        }
    }

    private List<PoolWorker> LiveWorkers()
    {
        lock (_gate)
        {
            return new List<PoolWorker>(_workers);
        }
    }

    private PoolWorker AnyWorker()
    {
        lock (_gate)
        {
            return _workers.Count > 0 ? _workers[0] : throw new Remote.RemoteProcessException("The pool has no live worker to ask.");
        }
    }

    /// <summary>
    /// A process the pool did not launch may run on any worker: ask each until one runs it. A
    /// worker that does not run it answers not running, not found, or (for an event, whose stored
    /// path needs the lease) owned by another: then the next one is asked.
    /// </summary>
    private async ValueTask<T> OnWhicheverWorkerAsync<T>(Func<Remote.ProcessClient, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var worker in LiveWorkers())
        {
            try
            {
                return await call(worker.Client, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ProcessNotRunningException or CheckpointNotFoundException or ProcessOwnedException)
            {
                last = exception;
            }
        }

        throw last ?? new Remote.RemoteProcessException("The pool has no live worker to ask.");
    }

    /// <inheritdoc />
    /// <remarks>
    /// Asks the workers in turn: the one that runs the process takes the event; when none runs it,
    /// the first one stores it into the process's checkpoint. A launch still queued in the pool has
    /// no checkpoint yet (<see cref="CheckpointNotFoundException"/>).
    /// </remarks>
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, CancellationToken cancellationToken = default) =>
        OnWhicheverWorkerAsync((client, token) => client.RaiseEventAsync(id, eventName, token), cancellationToken);

    /// <inheritdoc cref="RaiseEventAsync(ProcessId, string, CancellationToken)" />
    public ValueTask<ProcessEventResult> RaiseEventAsync<TPayload>(ProcessId id, string eventName, TPayload payload, CancellationToken cancellationToken = default)
        where TPayload : Ports.IPortNamespace<TPayload> =>
        OnWhicheverWorkerAsync((client, token) => client.RaiseEventAsync(id, eventName, payload, token), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Asked of the workers in turn like <see cref="RaiseEventAsync(ProcessId, string, CancellationToken)"/>;
    /// the worker reads the JSON, so the payload type must be registered in the workers' registry.
    /// </remarks>
    public ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, string payloadType, string payloadJson, CancellationToken cancellationToken = default)
    {
        Runtime.ProcessEventPayload.CheckName(eventName);
        ArgumentException.ThrowIfNullOrEmpty(payloadType);
        ArgumentNullException.ThrowIfNull(payloadJson);
        return OnWhicheverWorkerAsync((client, token) => client.RaiseEventAsync(id, eventName, payloadType, payloadJson, token), cancellationToken);
    }
}
