using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Processes.Ports;

namespace Processes.Runtime;

/// <summary>
/// One live process: its state machine, pause gate, kill token, children and checkpoints. The
/// untyped part lives here; <see cref="ProcessExecution{TProcess}"/> adds what needs the process
/// type (running the body or outline, serializing sections).
/// </summary>
internal abstract partial class ProcessExecution : IProcessContextHost
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation = new();
    private ProcessState _state;
    private bool _paused;
    private string? _statusMessage;
    private string? _statusBeforePause;
    private bool _killRequested;
    private string? _killMessage;
    private bool _stepRunning;
    private bool _detached;
    private int? _exitCode;
    private string? _exitMessage;
    private ProcessErrorInfo? _error;
    private Exception? _localException;
    private TaskCompletionSource? _playSignal;
    private ProcessHandle? _handle;

    protected ProcessExecution(ProcessRuntime runtime, ProcessDescriptor descriptor, ProcessSnapshot snapshot)
    {
        Runtime = runtime;
        Descriptor = descriptor;
        Id = snapshot.Id;
        ParentId = snapshot.ParentId;
        CreatedAt = snapshot.CreatedAt;
        Tags = snapshot.Tags;
        Logger = runtime.LoggerFor(descriptor.Name);
        _state = snapshot.State;
        _paused = snapshot.Paused;
        _statusMessage = snapshot.StatusMessage;
        _statusBeforePause = snapshot.StatusBeforePause;
        _killMessage = snapshot.KillMessage;
        _exitCode = snapshot.ExitCode;
        _exitMessage = snapshot.ExitMessage;
        _error = snapshot.Error;
        Position = snapshot.Position;
        RestoreChildren(snapshot);
        if (_state.IsTerminal())
        {
            _completion.TrySetResult();
        }
    }

    public ProcessRuntime Runtime { get; }

    public ProcessDescriptor Descriptor { get; }

    public ProcessId Id { get; }

    public string Name => Descriptor.Name;

    public ProcessId? ParentId { get; }

    public DateTimeOffset CreatedAt { get; }

    public IReadOnlyList<string> Tags { get; }

    public ILogger Logger { get; }

    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Completes (never faults) when the process terminates or its runtime stops.</summary>
    public Task Completion => _completion.Task;

    /// <summary>The index of the next outline instruction.</summary>
    protected int Position { get; set; }

    public abstract object Instance { get; }

    public ProcessHandle Handle => _handle ??= CreateHandle();

    public ProcessState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public bool IsDetached
    {
        get
        {
            lock (_gate)
            {
                return _detached;
            }
        }
    }

    public Exception? LocalException => _localException;

    /// <summary>Finished with exit code 0 (the common case, checked without building a status).</summary>
    public bool IsSuccessfullyFinished
    {
        get
        {
            lock (_gate)
            {
                return _state == ProcessState.Finished && _exitCode == ProcessExitCodes.Success && !_detached;
            }
        }
    }

    public event EventHandler<ProcessStateChangedEventArgs>? StateChanged;

    public ProcessStatus GetStatus()
    {
        lock (_gate)
        {
            return new ProcessStatus
            {
                Id = Id,
                Name = Name,
                State = _state,
                Paused = _paused,
                StatusMessage = _statusMessage,
                CreatedAt = CreatedAt,
                ParentId = ParentId,
                ExitCode = _exitCode,
                ExitMessage = _exitMessage,
                Error = _error,
                KillMessage = _killMessage,
            };
        }
    }

    protected abstract ProcessHandle CreateHandle();

    /// <summary>Runs the task body or the outline. Returns null when the process stopped early (killed, runtime stopped).</summary>
    protected abstract ValueTask<BodyResult?> RunBodyAsync();

    protected abstract IReadOnlyList<PortError> ValidateOutputs();

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

        _ = Task.Run(ExecuteAsync);
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

    /// <summary>Stores the first checkpoint and then starts, without making the caller wait (children launched by a step).</summary>
    public void PersistAndStart()
    {
        var persisted = PersistAsync().AsTask();
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
                    _ = execution.FailAsync(task.Exception!.GetBaseException()).AsTask();
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ExecuteAsync()
    {
        try
        {
            if (!await PassBoundaryAsync().ConfigureAwait(false))
            {
                return;
            }

            if (State == ProcessState.Created && !TryTransition(ProcessState.Running))
            {
                return;
            }

            Log.ProcessStarted(Logger, Name, Id);
            if (await RunBodyAsync().ConfigureAwait(false) is { } result
                && await PassBoundaryAsync(honourPause: false).ConfigureAwait(false))
            {
                await FinishAsync(result.ExitCode, result.ExitMessage).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            await OnCancelledAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await FailAsync(exception).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened above, nobody may wait forever on a process that has ended.
            if (State.IsTerminal())
            {
                _completion.TrySetResult();
            }
        }
    }

    /// <summary>
    /// The point between steps where pause, kill and runtime shutdown take effect. Returns false
    /// when the process must not go on.
    /// </summary>
    protected async ValueTask<bool> PassBoundaryAsync(bool honourPause = true)
    {
        while (true)
        {
            TaskCompletionSource signal;
            var killNow = false;
            lock (_gate)
            {
                if (_state.IsTerminal() || _detached)
                {
                    return false;
                }

                if (_killRequested)
                {
                    killNow = true;
                    signal = null!;
                }
                else if (!_paused || !honourPause)
                {
                    return true;
                }
                else
                {
                    signal = _playSignal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            if (killNow)
            {
                await TerminateKilledAsync().ConfigureAwait(false);
                return false;
            }

            await signal.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Runs user code (a step or a task body) with the step-running flag set, so control calls know not to touch state.</summary>
    protected async ValueTask RunUserCodeAsync<TContext>(Func<TContext, ValueTask> code, TContext context)
    {
        await EnterStepAsync().ConfigureAwait(false);
        try
        {
            await code(context).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _stepRunning = false;
            }
        }
    }

    private async ValueTask FinishAsync(int exitCode, string? exitMessage)
    {
        if (exitCode == 0)
        {
            var errors = ValidateOutputs();
            if (errors.Count > 0)
            {
                exitCode = ProcessExitCodes.InvalidOutputs;
                exitMessage = new PortValidationException(Name, errors).Message;
            }
        }

        lock (_gate)
        {
            if (_state.IsTerminal() || _detached)
            {
                return;
            }

            _exitCode = exitCode;
            _exitMessage = exitMessage;
        }

        if (!TryTransition(ProcessState.Finished))
        {
            return;
        }

        Log.ProcessFinished(Logger, Name, Id, exitCode);
        await SaveFinalCheckpointAsync().ConfigureAwait(false);
        _completion.TrySetResult();
        Runtime.OnTerminated(this);
    }

    private async ValueTask FailAsync(Exception exception)
    {
        try
        {
            await FailCoreAsync(exception).ConfigureAwait(false);
        }
        finally
        {
            if (State.IsTerminal())
            {
                _completion.TrySetResult();
            }
        }
    }

    private async ValueTask FailCoreAsync(Exception exception)
    {
        lock (_gate)
        {
            if (_state.IsTerminal() || _detached)
            {
                return;
            }

            _error = ProcessErrorInfo.From(exception);
            _localException = exception;
        }

        if (!TryTransition(ProcessState.Excepted))
        {
            return;
        }

        Log.ProcessExcepted(Logger, exception, Name, Id);
        await SaveFinalCheckpointAsync().ConfigureAwait(false);
        await KillChildrenAsync("the parent process failed").ConfigureAwait(false);
        _completion.TrySetResult();
        Runtime.OnTerminated(this);
    }

    private async ValueTask OnCancelledAsync()
    {
        bool killed;
        lock (_gate)
        {
            killed = _killRequested;
        }

        if (killed)
        {
            await TerminateKilledAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Moves to <paramref name="to"/> unless the process already terminated (a forced kill may race the loop).</summary>
    protected bool TryTransition(ProcessState to)
    {
        ProcessState from;
        lock (_gate)
        {
            from = _state;
            if (from.IsTerminal() || _detached)
            {
                return false;
            }

            if (!ProcessStateTransitions.IsAllowed(from, to))
            {
                throw new InvalidStateTransitionException(Id, from, to);
            }

            _state = to;
        }

        if (from != to)
        {
            RaiseStateChanged(from, to);
        }

        return true;
    }

    private void RaiseStateChanged(ProcessState from, ProcessState to)
    {
        Log.StateChanged(Logger, Name, Id, from, to);
        if (StateChanged is null && !Runtime.HasStateListeners)
        {
            return;
        }

        var change = new ProcessStateChangedEventArgs(Id, Name, from, to, Runtime.TimeProvider.GetUtcNow());
        try
        {
            StateChanged?.Invoke(Handle, change);
            Runtime.RaiseStateChanged(Handle, change);
        }
        catch (Exception exception)
        {
            // A listener's bug must not break the process it listens to.
            Log.ListenerFailed(Logger, exception, Name, Id);
        }
    }

    /// <summary>Stops the process without changing its stored checkpoint, as if its host died.</summary>
    public void Detach()
    {
        TaskCompletionSource? signal;
        lock (_gate)
        {
            if (_state.IsTerminal() || _detached)
            {
                return;
            }

            _detached = true;
            signal = _playSignal;
            _playSignal = null;
        }

        _cancellation.Cancel();
        signal?.TrySetResult();
        _completion.TrySetResult();
    }

    void IProcessContextHost.ReportStatus(string? message)
    {
        lock (_gate)
        {
            if (_paused)
            {
                _statusBeforePause = message;
            }
            else
            {
                _statusMessage = message;
            }
        }
    }
}
