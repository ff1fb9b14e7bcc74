using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Diagnostics;
using Processes.Ports;

namespace Processes.Runtime;

/// <summary>
/// One live process: its state machine and the run it orchestrates (steps, retries, time limits,
/// timers, the end). Its other jobs are parts with one purpose each, guarded by its one lock:
/// <see cref="PauseGate"/> (pause, play, kill), <see cref="ChildTable"/> (children),
/// <see cref="EventInbox"/> (external events) and <see cref="CheckpointWriter"/> (writing
/// checkpoints, the lease). The untyped part lives here; <see cref="ProcessExecution{TProcess}"/>
/// adds what needs the process type (running the body or outline, serializing sections).
/// </summary>
internal abstract partial class ProcessExecution : IProcessContextHost
{
    // The execution's lock is the execution itself (lock (this); nothing outside the class can
    // reach it): it guards the fields below and those of SeldomFields. A separate lock object
    // would cost an allocation per process for nothing.

    // Created on first use: a process that runs to its end on its caller's thread, with no step
    // asking for a token and nobody waiting asynchronously, never needs either.
    private TaskCompletionSource? _completion;
    private bool _completed;
    private bool _cancelled;
    // Written under the lock; volatile so the step loop can read them without taking it (the loop
    // only needs "has anything changed", and a change that races one boundary is seen at the next).
    private volatile ProcessState _state;
    // Pause, play and kill (see PauseGate); created by the first of them, read by the loop through Volatile.
    private PauseGate? _pauseGate;
    private volatile bool _stepRunning;
    private volatile bool _detached;
    private int? _exitCode;
    private int _attempt;
    // Guarded by the lock: whether ExecuteAsync runs, and whether this process counts in the waiting gauge.
    private bool _executing;
    private bool _countedWaiting;

    protected ProcessExecution(ProcessRuntime runtime, ProcessDescriptor descriptor, ProcessSnapshot snapshot)
    {
        Runtime = runtime;
        Descriptor = descriptor;
        Id = snapshot.Id;
        ParentId = snapshot.ParentId;
        CreatedAt = snapshot.CreatedAt;
        Tags = snapshot.Tags;
        Logger = runtime.LoggerFor(descriptor.Name);
        _checkpoints = new CheckpointWriter(this);
        _state = snapshot.State;
        _pauseGate = PauseGate.Restore(snapshot);
        _exitCode = snapshot.ExitCode;
        Position = snapshot.Position;
        StepSequence = snapshot.StepSequence;
        _attempt = snapshot.Attempt;
        _childTable = ChildTable.Restore(snapshot);
        _seldom = SeldomFields.Restore(snapshot);
        _completed = _state.IsTerminal();
    }

    public ProcessRuntime Runtime { get; }

    public ProcessDescriptor Descriptor { get; }

    public ProcessId Id { get; }

    public string Name => Descriptor.Name;

    public ProcessId? ParentId { get; }

    public DateTimeOffset CreatedAt { get; }

    public IReadOnlyList<string> Tags { get; }

    public ILogger Logger { get; }

    /// <summary>
    /// Part of a <see cref="ProcessRuntime.RunAsync{TProcess}(TProcess, System.Threading.CancellationToken)"/> call whose checkpoints go once it
    /// succeeds (see <see cref="ProcessRuntimeOptions.KeepCheckpointsOfFinishedRuns"/>): the root
    /// deletes its own and its children's, a child process deletes its children's.
    /// </summary>
    public bool IsRun { get; init; }

    public CancellationToken CancellationToken
    {
        get
        {
            lock (this)
            {
                var seldom = Seldom;
                if (seldom.Cancellation is null)
                {
                    seldom.Cancellation = new CancellationTokenSource();
                    if (_cancelled)
                    {
                        seldom.Cancellation.Cancel();
                    }
                }

                return seldom.Cancellation.Token;
            }
        }
    }

    private bool IsCancellationRequested
    {
        get
        {
            lock (this)
            {
                return _cancelled;
            }
        }
    }

    /// <summary>Completes (never faults) when the process terminates or its runtime stops.</summary>
    public Task Completion
    {
        get
        {
            lock (this)
            {
                return _completed ? Task.CompletedTask : (_completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>True once <see cref="Completion"/> has completed.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (this)
            {
                return _completed;
            }
        }
    }

    /// <summary>Completes <see cref="Completion"/> (once; later calls do nothing).</summary>
    private void SignalCompletion()
    {
        TaskCompletionSource? completion;
        lock (this)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            completion = _completion;
        }

        completion?.TrySetResult();
    }

    /// <summary>Cancels the token handed to a running step (created cancelled if a step asks for it later).</summary>
    private void CancelRunningStep()
    {
        CancellationTokenSource? cancellation;
        lock (this)
        {
            _cancelled = true;
            cancellation = _seldom?.Cancellation;
        }

        cancellation?.Cancel();
    }

    /// <summary>The index of the next outline instruction.</summary>
    protected int Position { get; set; }

    /// <summary>How many steps have completed (checkpointed with the position).</summary>
    protected int StepSequence { get; set; }

    public abstract object Instance { get; }

    /// <summary>The single-instance key of the process (<c>[SingleInstance]</c>), or null when its type has none.</summary>
    public abstract string? ConcurrencyKey();

    public ProcessHandle Handle => Seldom.Handle ??= CreateHandle();

    public ProcessState State => _state;

    public bool IsDetached => _detached;

    public Exception? LocalException => _seldom?.LocalException;

    /// <summary>Finished with exit code 0 (the common case, checked without building a status).</summary>
    public bool IsSuccessfullyFinished
    {
        get
        {
            lock (this)
            {
                return _state == ProcessState.Finished && _exitCode == ProcessExitCodes.Success && !_detached;
            }
        }
    }

    public event EventHandler<ProcessStateChangedEventArgs>? StateChanged
    {
        add
        {
            lock (this)
            {
                Seldom.StateChanged += value;
            }
        }

        remove
        {
            lock (this)
            {
                if (_seldom is { } seldom)
                {
                    seldom.StateChanged -= value;
                }
            }
        }
    }

    /// <summary>Throws the typed exception that describes why the terminated process has no result.</summary>
    public void ThrowIfUnsuccessful()
    {
        if (IsSuccessfullyFinished)
        {
            return;
        }

        var status = GetStatus();
        if (IsDetached)
        {
            throw DetachReason is { } reason
                ? new ProcessDetachedException(Id, Name, reason)
                : new ProcessRuntimeStoppedException(Id, Name);
        }

        switch (status.State)
        {
            case ProcessState.Finished when status.ExitCode == ProcessExitCodes.Success:
                return;
            case ProcessState.Finished:
                throw new ProcessFinishedUnsuccessfullyException(Id, Name, status.ExitCode ?? -1, status.ExitMessage);
            case ProcessState.Killed:
                throw new ProcessKilledException(Id, Name, status.KillMessage);
            case ProcessState.Excepted:
                throw new ProcessExceptedException(Id, Name, status.Error ?? new ProcessErrorInfo("unknown", "unknown error", null), LocalException);
            default:
                throw new InvalidOperationException($"Process {Name} ({Id}) has not terminated; it is {status.State}.");
        }
    }

    public ProcessStatus GetStatus()
    {
        lock (this)
        {
            return new ProcessStatus
            {
                Id = Id,
                Name = Name,
                State = _state,
                Paused = _pauseGate is { IsPaused: true },
                StatusMessage = _seldom?.StatusMessage,
                CreatedAt = CreatedAt,
                ParentId = ParentId,
                ExitCode = _exitCode,
                ExitMessage = _seldom?.ExitMessage,
                Error = _seldom?.Error,
                KillMessage = _pauseGate?.KillMessage,
                EmittedOutputs = EmittedOutputsLocked(),
            };
        }
    }

    protected abstract ProcessHandle CreateHandle();

    /// <summary>Runs the task body or the outline. Returns null when the process stopped early (killed, runtime stopped).</summary>
    protected abstract ValueTask<BodyResult?> RunBodyAsync();

    protected abstract IReadOnlyList<PortError> ValidateOutputs();

    /// <summary>Checks the inputs read from a checkpoint against the ports' rules.</summary>
    public abstract IReadOnlyList<PortError> ValidateRestoredInputs();

    /// <summary>The outputs by port name.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetOutputValues();

    /// <summary>Completes when the process's first checkpoint is stored (at once for loaded processes).</summary>
    public Task Persisted { get; private set; } = Task.CompletedTask;

    /// <summary>Stores the first checkpoint, so the process can be continued even if its host dies right away.</summary>
    public ValueTask PersistAsync() => SaveCheckpointAsync();

    /// <summary>Starts (or resumes) the process on the thread pool.</summary>
    public void Start()
    {
        if (State.IsTerminal())
        {
            return;
        }

        _ = Task.Run(() => ExecuteAsync().AsTask());
    }

    /// <summary>
    /// Starts on the calling thread, for a caller that awaits the result anyway: the process runs
    /// synchronously up to its first asynchronous wait, so a process whose steps and store never
    /// block completes without a single thread-pool hop.
    /// </summary>
    public void StartInline()
    {
        if (!State.IsTerminal())
        {
            _ = ExecuteAsync();
        }
    }

    /// <summary>Takes the lease, stores the first checkpoint and then starts, without making the caller wait (children launched by a step).</summary>
    public void PersistAndStart()
    {
        var persisted = LeaseAndPersistAsync().AsTask();
        Persisted = persisted;
        _ = persisted.ContinueWith(
            static (task, state) =>
            {
                var execution = (ProcessExecution)state!;
                if (task.IsCompletedSuccessfully)
                {
                    execution.Start();
                }
                else
                {
                    // A store that is down or a lost lease is no failure of the child: it detaches.
                    execution.Detach(task.Exception!.GetBaseException());
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async ValueTask LeaseAndPersistAsync()
    {
        SetLease(await Runtime.AcquireLeaseAsync(Id, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false));
        if (IsDetached)
        {
            // Detached (its runtime stopped) while the lease was being granted: the stop gave back
            // what it saw, which was not this lease yet; keeping it would lock the child out of
            // every other runtime until it lapsed.
            await ReleaseLeaseAsync().ConfigureAwait(false);
            throw new ProcessRuntimeStoppedException(Id, Name);
        }

        await PersistAsync().ConfigureAwait(false);
    }

    // A ValueTask, so a process that runs to its end synchronously (StartInline) allocates no Task for it.
    private async ValueTask ExecuteAsync()
    {
        // Started here, the span and the scope are current for every step, and so the parent of
        // whatever a step launches (children inherit both with the execution context).
        var activity = ProcessesActivities.StartRun(Name, Id, _seldom?.TraceParent);
        if (activity is not null)
        {
            Seldom.TraceParent = activity.Id;
        }

        using var scope = LogScopes.Process(Logger, Name, Id);
        SetExecuting(true);
        try
        {
            if (!await PassBoundaryAsync().ConfigureAwait(false))
            {
                return;
            }

            if (State == ProcessState.Created)
            {
                if (!TryTransition(ProcessState.Running))
                {
                    return;
                }

                if (ProcessesMetrics.Started.Enabled)
                {
                    ProcessesMetrics.Started.Add(1, ProcessesMetrics.TypeTag(Name));
                }
            }

            Log.ProcessStarted(Logger, Name, Id);
            if (await RunBodyAsync().ConfigureAwait(false) is { } result)
            {
                if (await PassBoundaryAsync(honourPause: false).ConfigureAwait(false))
                {
                    await FinishAsync(result.ExitCode, result.ExitMessage).ConfigureAwait(false);
                }

                await SaveSkippedStepCheckpointIfStoppedAsync().ConfigureAwait(false);
            }
        }
        catch (CheckpointSaveFailedException failed) when (failed.ProcessId == Id)
        {
            Detach(failed);
        }
        catch (OperationCanceledException) when (IsCancellationRequested)
        {
            await OnCancelledAsync().ConfigureAwait(false);
        }
        catch (ProcessDetachedException detached)
        {
            // A child (or this process's own store) could not go on: neither did this process fail.
            Detach(detached);
        }
        catch (Exception exception)
        {
            if (activity is not null)
            {
                ProcessesActivities.RecordException(activity, exception);
            }

            await FailAsync(exception).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened above, nobody may wait forever on a process that has ended.
            if (State.IsTerminal())
            {
                SignalCompletion();
            }

            SetExecuting(false);
            if (activity is not null)
            {
                EndRunActivity(activity);
            }
        }
    }

    private void EndRunActivity(Activity activity)
    {
        ProcessState state;
        int? exitCode;
        string? exitMessage;
        lock (this)
        {
            state = _state;
            exitCode = _exitCode;
            exitMessage = _seldom?.ExitMessage;
        }

        ProcessesActivities.EndRun(activity, state, _detached, exitCode, exitMessage);
    }

    /// <summary>Counts this process in the active gauge (and, while it waits, the waiting one) for as long as it executes here.</summary>
    private void SetExecuting(bool executing)
    {
        lock (this)
        {
            _executing = executing;
            CountWaitingLocked();
        }

        ProcessesMetrics.ProcessActivated(executing ? 1 : -1);
    }

    /// <summary>Brings the waiting gauge in line with this process (call under the lock after any change of state, executing or detached).</summary>
    private void CountWaitingLocked()
    {
        var waiting = _executing && _state == ProcessState.Waiting && !_detached;
        if (waiting != _countedWaiting)
        {
            _countedWaiting = waiting;
            ProcessesMetrics.ProcessWaiting(waiting ? 1 : -1);
        }
    }

    /// <summary>Counts a process that reached a terminal state (and, when it excepted, its failure by exception type).</summary>
    private void CountTerminated(ProcessState state)
    {
        if (ProcessesMetrics.Finished.Enabled)
        {
            ProcessesMetrics.Finished.Add(1, ProcessesMetrics.TypeTag(Name), new(ProcessesDiagnostics.ProcessStateAttribute, ProcessStateNames.Of(state)));
        }

        if (state == ProcessState.Excepted && ProcessesMetrics.Failed.Enabled && LocalException is { } exception)
        {
            ProcessesMetrics.Failed.Add(1, ProcessesMetrics.TypeTag(Name), new("error.type", exception.GetType().FullName));
        }
    }

    /// <summary>
    /// The point between steps where pause, kill and runtime shutdown take effect. Returns false
    /// when the process must not go on.
    /// </summary>
    /// <remarks>The common case, nothing requested, reads two volatile fields and takes no lock.</remarks>
    protected ValueTask<bool> PassBoundaryAsync(bool honourPause = true)
    {
        if ((Volatile.Read(ref _pauseGate) is not { } pause || (!pause.KillRequested && (!pause.IsPaused || !honourPause))) && !_detached && !_state.IsTerminal())
        {
            return new ValueTask<bool>(true);
        }

        return PassBoundarySlowAsync(honourPause);
    }

    private async ValueTask<bool> PassBoundarySlowAsync(bool honourPause)
    {
        while (true)
        {
            Task signal;
            var killNow = false;
            lock (this)
            {
                if (_state.IsTerminal() || _detached)
                {
                    return false;
                }

                if (_pauseGate is { KillRequested: true })
                {
                    killNow = true;
                    signal = null!;
                }
                else if (_pauseGate is not { IsPaused: true } || !honourPause)
                {
                    return true;
                }
                else
                {
                    signal = _pauseGate.PlaySignal;
                }
            }

            if (killNow)
            {
                await TerminateKilledAsync().ConfigureAwait(false);
                return false;
            }

            await signal.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one body (the task body, or the step named <paramref name="stepName"/>) under the process's
    /// retry policy and time limit: a failure the policy retries is checkpointed with the next
    /// attempt's number and due time, waited out (state Waiting, no thread held), and run again.
    /// Each attempt gets a span and a duration named by <paramref name="stepName"/> (null: the task body).
    /// </summary>
    protected async ValueTask RunUserCodeAsync<TContext>(Func<TContext, ValueTask> code, TContext context, string? stepName)
    {
        while (true)
        {
            if (_seldom?.RetryDueAt is { } due)
            {
                await WaitForRetryAsync(due).ConfigureAwait(false);
            }

            await EnterStepAsync().ConfigureAwait(false);
            ResetLaunchCounts();
            Exception? retried = null;
            var activity = ProcessesActivities.StartBody(Name, Id, stepName, Math.Max(1, _attempt));
            var startedAt = ProcessesMetrics.StepDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
            try
            {
                await RunLimitedAsync(code, context, stepName).ConfigureAwait(false);
            }
            catch (Exception exception) when (RecordFailure(activity, exception) && ShouldRetry(exception))
            {
                retried = exception;
            }
            finally
            {
                activity?.Dispose();
                if (startedAt != 0)
                {
                    RecordStepDuration(startedAt, stepName);
                }

                _stepRunning = false;
                if (Volatile.Read(ref _seldom) is { BodyServices: not null } seldom && Interlocked.Exchange(ref seldom.BodyServices, null) is { } services)
                {
                    await services.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (retried is null)
            {
                // The next body (the next step) starts again at its first attempt.
                _attempt = 1;
                return;
            }

            await ScheduleRetryAsync(retried, stepName).ConfigureAwait(false);
        }
    }

    /// <summary>Records a failed attempt on its span; always true, so it can sit in an exception filter and see every failure, retried or not.</summary>
    private static bool RecordFailure(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            ProcessesActivities.RecordException(activity, exception);
        }

        return true;
    }

    private void RecordStepDuration(long startedAt, string? stepName)
    {
        var seconds = ProcessesMetrics.SecondsSince(startedAt);
        if (stepName is null)
        {
            ProcessesMetrics.StepDuration.Record(seconds, ProcessesMetrics.TypeTag(Name));
        }
        else
        {
            ProcessesMetrics.StepDuration.Record(seconds, ProcessesMetrics.TypeTag(Name), new(ProcessesDiagnostics.StepNameAttribute, stepName));
        }
    }

    /// <summary>Stops the process without changing its stored checkpoint, as if its host died.</summary>
    public void Detach()
    {
        TaskCompletionSource? signal;
        lock (this)
        {
            if (_state.IsTerminal() || _detached)
            {
                return;
            }

            _detached = true;
            CountWaitingLocked();
            signal = _pauseGate?.TakeSignal();
        }

        CancelRunningStep();
        signal?.TrySetResult();
        SignalCompletion();
    }

    IServiceProvider IProcessContextHost.Services =>
        (Volatile.Read(ref Seldom.BodyServices)
            ?? Interlocked.CompareExchange(ref Seldom.BodyServices, BodyServiceScope.For(Runtime, Name), null)
            ?? Seldom.BodyServices!).Provider;

    void IProcessContextHost.ReportStatus(string? message)
    {
        lock (this)
        {
            if (_pauseGate is { } pause)
            {
                pause.ReportStatus(ref Seldom.StatusMessage, message);
            }
            else if (message is not null || _seldom is not null)
            {
                Seldom.StatusMessage = message;
            }
        }
    }
}
