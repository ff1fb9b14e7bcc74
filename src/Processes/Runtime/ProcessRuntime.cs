using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Processes.Checkpoints;
using Processes.Ports;
using Processes.Runtime;
using Processes.Serialization;

namespace Processes;

/// <summary>
/// Runs processes and tasks in this process: launch with validated inputs, observe and control
/// them through handles, and continue them from stored checkpoints.
/// <code>
/// await using var runtime = new ProcessRuntime(new() { Store = new FileCheckpointStore("checkpoints") });
/// var square = await runtime.RunAsync(new Square { X = 7 });   // square.Result == 49
/// </code>
/// </summary>
public sealed partial class ProcessRuntime
{
    private readonly ConcurrentDictionary<ProcessId, ProcessExecution> _live = new();
    private readonly int _maxLaunchDepth;
    private readonly SemaphoreSlim _attachLock = new(1, 1);
    private readonly ObjectPool<ProcessWriter> _writers = new DefaultObjectPool<ProcessWriter>(new WriterPoolPolicy());
    private readonly ILoggerFactory _loggerFactory;
    private readonly bool? _verifyCheckpoints;
    private readonly bool _keepCheckpointsOfFinishedRuns;
    private int _stopped;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Creates a runtime.</summary>
    public ProcessRuntime(ProcessRuntimeOptions? options = null)
    {
        options ??= new ProcessRuntimeOptions();
        Store = options.Store ?? new InMemoryCheckpointStore();
        SynchronousStore = Store as ISynchronousCheckpointStore;
        Registry = options.Registry ?? ProcessRegistry.Global;
        TimeProvider = options.TimeProvider;
        Services = options.Services;
        _loggerFactory = options.LoggerFactory;
        _verifyCheckpoints = options.VerifyCheckpointsOnSave;
        _keepCheckpointsOfFinishedRuns = options.KeepCheckpointsOfFinishedRuns;
        LeaseRules.ValidateDuration(options.LeaseDuration);
        LeaseDuration = options.LeaseDuration;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLaunchDepth, 1, nameof(options.MaxLaunchDepth));
        _maxLaunchDepth = options.MaxLaunchDepth;
        SaveRetry = options.SaveRetry ?? CheckpointSaveRetry.Default;
        _configuredOwnerId = string.IsNullOrEmpty(options.OwnerId) ? null : options.OwnerId;
        SharedStateEngine = new SharedStateEngine(options.SharedStates, TimeProvider, options.SharedStates?.OwnerId is { Length: > 0 } stateOwner ? () => stateOwner : () => OwnerId, _loggerFactory.CreateLogger("Processes.SharedStates"));
        SharedStates = CreateSharedStateClient("runtime");
    }

    /// <summary>Where checkpoints are stored.</summary>
    public ICheckpointStore Store { get; }

    /// <summary>
    /// <see cref="Store"/> when it saves synchronously (the in-memory store): checkpoints are then
    /// saved on the calling thread, without a <see cref="Checkpoint"/> per save. Resolved once, as
    /// every save asks.
    /// </summary>
    internal ISynchronousCheckpointStore? SynchronousStore { get; }

    /// <summary>Where process types are looked up by name.</summary>
    public ProcessRegistry Registry { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The application's services bodies reach through <see cref="ProcessContext.Services"/>, or null.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>Raised on every state change of every process in this runtime.</summary>
    public event EventHandler<ProcessStateChangedEventArgs>? StateChanged;

    /// <summary>
    /// Launches a process for one caller that waits for its end through the handle (a client's
    /// <c>RunAsync</c> that reports progress): as <see cref="LaunchAsync{TProcess}(TProcess, LaunchOptions?, CancellationToken)"/>,
    /// with the retention rule of <see cref="RunAsync{TProcess}(TProcess, CancellationToken)"/>.
    /// </summary>
    internal ValueTask<ProcessHandle<TProcess>> LaunchRunAsync<TProcess>(TProcess process)
        where TProcess : class, IProcessDefinition<TProcess> => LaunchAsync(process, options: null, isRun: !_keepCheckpointsOfFinishedRuns);

    private async ValueTask<ProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options, bool isRun)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        var descriptor = TProcess.Descriptor;
        ValidateInputs(descriptor, process);
        var execution = new ProcessExecution<TProcess>(this, descriptor, process, NewSnapshot(descriptor, options, parentId: null)) { IsRun = isRun };
        return (ProcessHandle<TProcess>)(await LaunchAsync(execution).ConfigureAwait(false)).Handle;
    }

    /// <summary>
    /// A run without progress: inline for a task nobody listens to, else tracked on the caller's
    /// thread; either way it completes synchronously when the work does.
    /// </summary>
    private ValueTask<TProcess> RunCore<TProcess>(TProcess process, CancellationToken cancellationToken)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        var descriptor = TProcess.Descriptor;
        return CanRunInline(descriptor)
            ? RunInline(descriptor, process, cancellationToken)
            : RunTracked(descriptor, process, cancellationToken);
    }

    /// <summary>
    /// Runs a process (or a task with listeners) through a tracked execution started on the
    /// caller's thread. One that runs to its end synchronously returns its result at once, with no
    /// handle, task or cancellation registration.
    /// </summary>
    // Internal: the inline-path tests run the same task both ways.
    internal ValueTask<TProcess> RunTracked<TProcess>(TProcess process, CancellationToken cancellationToken)
        where TProcess : class, IProcessDefinition<TProcess> =>
        RunTracked(TProcess.Descriptor, process, cancellationToken);

    /// <summary>As <see cref="RunTracked{TProcess}(TProcess, CancellationToken)"/>, for a type known by its descriptor (a map chunk's item).</summary>
    internal ValueTask<TProcess> RunTracked<TProcess>(ProcessDescriptor<TProcess> descriptor, TProcess process, CancellationToken cancellationToken)
        where TProcess : class
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TProcess>(cancellationToken);
        }

        ProcessExecution<TProcess> execution;
        ValueTask<ProcessExecution> launch;
        try
        {
            ValidateInputs(descriptor, process);
            execution = new ProcessExecution<TProcess>(this, descriptor, process, NewSnapshot(descriptor, options: null, parentId: null))
            {
                IsRun = !_keepCheckpointsOfFinishedRuns,
            };
            launch = LaunchAsync(execution, startInline: true);
            if (!launch.IsCompletedSuccessfully)
            {
                return new ValueTask<TProcess>(LaunchAndWaitAsync<TProcess>(launch, cancellationToken));
            }

            var launched = (ProcessExecution<TProcess>)launch.Result;
            if (!ReferenceEquals(launched, execution))
            {
                return JoinAsync(launched, cancellationToken);
            }

            if (execution.IsCompletedSuccessfully(out var completed))
            {
                return new ValueTask<TProcess>(execution.Process);
            }

            if (!completed)
            {
                return new ValueTask<TProcess>(WaitTrackedAsync(execution, cancellationToken));
            }

            execution.ThrowIfUnsuccessful();
            return new ValueTask<TProcess>(execution.Process);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TProcess>(exception);
        }
    }

    private static async Task<TProcess> LaunchAndWaitAsync<TProcess>(ValueTask<ProcessExecution> launch, CancellationToken cancellationToken)
        where TProcess : class
    {
        var launched = (ProcessExecution<TProcess>)await launch.ConfigureAwait(false);
        return await WaitTrackedAsync(launched, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A run that joined a live single-instance process: waits for its outputs; cancelling stops waiting, never the process (its launcher owns it).</summary>
    private static ValueTask<TProcess> JoinAsync<TProcess>(ProcessExecution<TProcess> holder, CancellationToken cancellationToken)
        where TProcess : class =>
        ((ProcessHandle<TProcess>)holder.Handle).WaitAsync(cancellationToken);

    /// <summary>
    /// Waits for a tracked run's end. It awaits the execution's completion itself, not through a
    /// <see cref="ProcessHandle{TProcess}"/>: a run nobody asked a handle of creates none (nor the
    /// execution's rarely used fields where the handle is kept), and one state machine fewer
    /// stays alive while the process waits (WaitingProcessRetentionTests).
    /// </summary>
    private static async Task<TProcess> WaitTrackedAsync<TProcess>(ProcessExecution<TProcess> execution, CancellationToken cancellationToken)
        where TProcess : class
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => _ = ((ProcessExecution)state!).KillAsync("cancelled by the caller", force: false), execution)
            : default;
        await execution.Completion.ConfigureAwait(false);
        try
        {
            execution.ThrowIfUnsuccessful();
            return execution.Process;
        }
        catch (ProcessKilledException killed) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{execution.Name} was cancelled by its caller.", killed, cancellationToken);
        }
    }

    /// <summary>
    /// Stops this runtime without killing its processes: each stops where it is and keeps its
    /// last checkpoint, to be continued later (by this program or another). Waiters get
    /// <see cref="ProcessRuntimeStoppedException"/>.
    /// </summary>
    public async ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        var detached = _live.Values.ToArray();
        foreach (var execution in detached)
        {
            execution.Detach();
        }

        _live.Clear();
        _leaseKeeperStop.Cancel();
        _stopping.Cancel();

        // Given back at once, so another runtime can continue them without waiting for expiry.
        foreach (var execution in detached)
        {
            await execution.ReleaseLeaseAsync().ConfigureAwait(false);
        }

        await SharedStateEngine.ReleaseOwnershipAsync().ConfigureAwait(false);

        // Processes that ended just before the stop may still be giving their leases back, and the
        // keeper may be renewing one: the caller may delete the store once this returns.
        await StopLeaseWorkAsync(StoreWorkLimit).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync();

    // How long a stop waits for lease calls in flight before it returns anyway (and logs it).
    private static readonly TimeSpan StoreWorkLimit = TimeSpan.FromSeconds(10);

    /// <summary>Cancelled when the runtime stops (ends its watches).</summary>
    internal CancellationToken Stopping => _stopping.Token;

    private async ValueTask<int> ForAllAsync(Func<ProcessExecution, ValueTask<ProcessControlResult>> action)
    {
        // Parents before their children: a parent's kill (or pause) reaches its children in order,
        // while a child killed first would make its parent fail (Excepted) instead of being killed.
        var executions = _live.Values.ToList();
        var live = executions.Select(execution => execution.Id).ToHashSet();
        var count = 0;
        foreach (var execution in executions.OrderBy(execution => Depth(execution, live)))
        {
            if (execution.State.IsTerminal())
            {
                continue;
            }

            if ((await action(execution).ConfigureAwait(false)).Outcome == ProcessControlOutcome.Applied)
            {
                count++;
            }
        }

        return count;
    }

    // How many live ancestors a process has (0 for a root or a child whose parent is not live here).
    private int Depth(ProcessExecution execution, HashSet<ProcessId> live)
    {
        var depth = 0;
        for (var parent = execution.ParentId; parent is { } id && live.Contains(id) && _live.TryGetValue(id, out var next) && depth < 64; parent = next.ParentId)
        {
            depth++;
        }

        return depth;
    }

    private static void ValidateInputs<TProcess>(ProcessDescriptor<TProcess> descriptor, TProcess process)
        where TProcess : class
    {
        descriptor.EnsureValidDefaults();
        if (ScratchErrors.Validate(descriptor, process, outputs: false) is { } errors)
        {
            throw new PortValidationException(descriptor.Name, errors);
        }
    }

    private ProcessSnapshot NewSnapshot(ProcessDescriptor descriptor, LaunchOptions? options, ProcessId? parentId) => new()
    {
        Id = options?.Id ?? ProcessId.New(),
        Name = descriptor.Name,
        ParentId = parentId,
        CreatedAt = TimeProvider.GetUtcNow(),
        State = ProcessState.Created,
        Paused = options?.StartPaused ?? false,
        // Copied once: the caller may change its list after launching.
        Tags = options?.Tags is { Count: > 0 } tags ? tags.ToArray() : Array.Empty<string>(),
        Retry = options?.Retry,
        TimeLimit = options?.TimeLimit,
    };

    /// <summary>
    /// Starts a top-level process and returns the execution the caller gets: this one, or the live
    /// instance it joins when its type is single-instance (<see cref="ClaimInstance"/>).
    /// </summary>
    private async ValueTask<ProcessExecution> LaunchAsync(ProcessExecution execution, bool startInline = false)
    {
        ThrowIfStopped();
        if (ClaimInstance(execution) is { } holder)
        {
            return holder;
        }

        if (!_live.TryAdd(execution.Id, execution))
        {
            ReleaseInstance(execution);
            throw new InvalidOperationException($"A process with id {execution.Id} is already running.");
        }

        try
        {
            if (execution.IsDurable)
            {
                execution.SetLease(await AcquireLeaseAsync(execution.Id, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false));
            }

            await execution.PersistAsync().ConfigureAwait(false);
        }
        catch
        {
            _live.TryRemove(execution.Id, out _);
            ReleaseInstance(execution);
            await execution.ReleaseLeaseAsync().ConfigureAwait(false);
            throw;
        }

        if (startInline)
        {
            execution.StartInline();
        }
        else
        {
            execution.Start();
        }

        return execution;
    }

    /// <summary>Launches a child under its derived <paramref name="id"/>, or returns the one already running under it.</summary>
    internal ProcessExecution LaunchChild<TChild>(TChild child, ProcessExecution parent, ProcessId id, bool held = false)
        where TChild : class, IProcessDefinition<TChild> =>
        LaunchChild(TChild.Descriptor, child, parent, id, held);

    /// <summary>As <see cref="LaunchChild{TChild}(TChild, ProcessExecution, ProcessId, bool)"/>, for a type known by its descriptor (a map chunk's item).</summary>
    internal ProcessExecution LaunchChild<TChild>(ProcessDescriptor<TChild> descriptor, TChild child, ProcessExecution parent, ProcessId id, bool held = false)
        where TChild : class
    {
        ThrowIfStopped();
        if (_live.TryGetValue(id, out var running))
        {
            return running;
        }

        ValidateInputs(descriptor, child);
        LaunchChainGuard.Check(descriptor, child, parent, _maxLaunchDepth, ancestor => _live.TryGetValue(ancestor, out var live) ? live : null);
        var snapshot = NewSnapshot(descriptor, new LaunchOptions { Id = id, Tags = parent.Tags, StartPaused = held }, parent.Id);
        if (held)
        {
            snapshot = snapshot with { StatusMessage = "queued: waiting for a slot of its parent's fan-out" };
        }

        var execution = new ProcessExecution<TChild>(this, descriptor, child, snapshot) { IsRun = parent.IsRun };
        if (!_live.TryAdd(id, execution))
        {
            return _live[id];
        }

        if (Volatile.Read(ref _stopped) != 0)
        {
            // Added after the stop took its list of live processes: it would run in a stopped runtime.
            _live.TryRemove(new KeyValuePair<ProcessId, ProcessExecution>(id, execution));
            ThrowIfStopped();
        }

        execution.PersistAndStart();
        return execution;
    }

    /// <summary>
    /// Attaches a child a reloaded parent waits for. Its lease may still be held by the runtime
    /// that crashed: wait for it to lapse (a dead OS process on this machine is taken over at once).
    /// </summary>
    internal ValueTask<ProcessExecution> AttachChildAsync(ProcessId id, CancellationToken cancellationToken) =>
        AttachAsync(id, cancellationToken, new ContinueOptions { WaitForOwner = LeaseDuration + LeaseDuration });

    internal bool IsLive(ProcessId id) => _live.ContainsKey(id);

    /// <summary>The live execution of a process, or null; unlike a lookup through a handle, creates nothing (tests read what a waiting process holds).</summary>
    internal ProcessExecution? FindLive(ProcessId id) => _live.TryGetValue(id, out var execution) ? execution : null;

    internal void OnDetached(ProcessExecution execution) => _live.TryRemove(new KeyValuePair<ProcessId, ProcessExecution>(execution.Id, execution));

    internal void OnTerminated(ProcessExecution execution) => _live.TryRemove(new KeyValuePair<ProcessId, ProcessExecution>(execution.Id, execution));

    internal bool HasStateListeners => StateChanged is not null;

    internal void RaiseStateChanged(ProcessHandle handle, ProcessStateChangedEventArgs change) => StateChanged?.Invoke(handle, change);

    internal ILogger CreateLogger(string processName) => _loggerFactory.CreateLogger("Processes." + processName);

    internal ProcessWriter RentWriter() => _writers.Get();

    internal void ReturnWriter(ProcessWriter writer) => _writers.Return(writer);

    internal bool ShouldVerify(ProcessDescriptor descriptor) => _verifyCheckpoints ?? descriptor.VerifyCheckpointsOnSave;

    private void ThrowIfStopped()
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            throw new ObjectDisposedException(nameof(ProcessRuntime), "This runtime has been stopped.");
        }
    }
}
