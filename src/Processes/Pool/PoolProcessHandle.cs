using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Remote;

namespace Processes.Pool;

/// <summary>
/// The handle a pool returns for a launch: valid while the launch is queued, while it runs on a
/// worker, and after its worker died and another continued it. Waiting follows the process from
/// worker to worker; the caller never sees the move.
/// </summary>
internal sealed class PoolProcessHandle<TProcess> : IProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    // How often a waiter whose worker died looks whether the process has been placed again; the
    // move itself takes a worker start or a continue, far longer than this.
    private static readonly TimeSpan MovePollInterval = TimeSpan.FromMilliseconds(20);

    private readonly object _gate = new();
    private readonly ProcessPool _pool;
    private readonly DateTimeOffset _queuedAt = DateTimeOffset.UtcNow;
    private TaskCompletionSource<Assignment> _assignment = NewAssignment();
    private Ending? _ending;

    public PoolProcessHandle(ProcessPool pool, ProcessId id, string name, int priority)
    {
        _pool = pool;
        Id = id;
        Name = name;
        Priority = priority;
    }

    public ProcessId Id { get; }

    public string Name { get; }

    public int Priority { get; }

    /// <summary>The item that places the process on a worker (set before it is queued).</summary>
    public PoolWorkItem? Item { get; set; }

    private Task<Assignment> Current
    {
        get
        {
            lock (_gate)
            {
                return _assignment.Task;
            }
        }
    }

    /// <summary>The process runs on a worker now: calls go to it there.</summary>
    public void Assign(IProcessHandle<TProcess> remote, ProcessClient client)
    {
        lock (_gate)
        {
            if (_assignment.Task.IsCompleted)
            {
                _assignment = NewAssignment();
            }

            _assignment.TrySetResult(new Assignment(remote, client));
        }
    }

    /// <summary>It terminated: its final status and outputs (or typed failure), kept for calls made after its worker is gone.</summary>
    public void Finish(ProcessStatus status, Task<TProcess> outputs) => Volatile.Write(ref _ending, new Ending(status, outputs));

    /// <summary>Its worker died: calls wait until it runs on another.</summary>
    public void Unassign()
    {
        lock (_gate)
        {
            if (_assignment.Task.IsCompletedSuccessfully)
            {
                _assignment = NewAssignment();
            }
        }
    }

    /// <summary>It will never run (again): every call throws <paramref name="reason"/>.</summary>
    public void Fail(Exception reason)
    {
        lock (_gate)
        {
            if (_assignment.Task.IsCompleted)
            {
                _assignment = NewAssignment();
            }

            _assignment.TrySetException(reason);
        }
    }

    public async ValueTask<ProcessStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var current = Current;
        if (current.IsFaulted)
        {
            return FailedStatus(current.Exception!.InnerException!);
        }

        if (!current.IsCompletedSuccessfully)
        {
            return QueuedStatus();
        }

        var assignment = current.Result;
        try
        {
            return await assignment.Remote.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteProcessException exception) when (BrokenConnection.Is(assignment.Client, exception))
        {
            return Volatile.Read(ref _ending)?.Status ?? QueuedStatus();
        }
    }

    public ValueTask<ProcessControlResult> PauseAsync(string? message = null, CancellationToken cancellationToken = default) =>
        OnWorkerAsync((remote, token) => remote.PauseAsync(message, token), cancellationToken);

    public ValueTask<ProcessControlResult> PlayAsync(CancellationToken cancellationToken = default) =>
        OnWorkerAsync((remote, token) => remote.PlayAsync(token), cancellationToken);

    public ValueTask<ProcessControlResult> KillAsync(string? message = null, bool force = false, CancellationToken cancellationToken = default)
    {
        // A queued launch is taken out of the queue: it never runs, and its waiters learn it was killed.
        if (Item is { } item && _pool.TryRemoveQueued(item))
        {
            Fail(new ProcessKilledException(Id, Name, message));
            return new ValueTask<ProcessControlResult>(new ProcessControlResult(ProcessControlOutcome.Applied, ProcessState.Killed, "Killed while queued; it never ran."));
        }

        return OnWorkerAsync((remote, token) => remote.KillAsync(message, force, token), cancellationToken);
    }

    public async ValueTask<ProcessStatus> WaitForTerminationAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Assignment assignment;
            try
            {
                assignment = await Current.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ProcessKilledException or ProcessPoolClosedException)
            {
                // Killed while queued, or dropped by a close: it ended without running.
                return FailedStatus(exception);
            }

            if (Volatile.Read(ref _ending) is { } ending)
            {
                return ending.Status;
            }

            try
            {
                return await assignment.Remote.WaitForTerminationAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteProcessException exception) when (BrokenConnection.Is(assignment.Client, exception))
            {
                await MovedAsync(assignment, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default) => WaitAsync(progress: null, cancellationToken);

    public async ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var assignment = await Current.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _ending) is { } ending)
            {
                progress?.Report(ending.Status);
                return await ending.Outputs.ConfigureAwait(false);
            }

            try
            {
                return await assignment.Remote.WaitAsync(progress, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteProcessException exception) when (BrokenConnection.Is(assignment.Client, exception))
            {
                await MovedAsync(assignment, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<ProcessControlResult> OnWorkerAsync(Func<IProcessHandle<TProcess>, CancellationToken, ValueTask<ProcessControlResult>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            // A control call on a queued launch waits until it starts (kill excepted, see KillAsync).
            var assignment = await Current.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _ending) is { } ending)
            {
                return new ProcessControlResult(ProcessControlOutcome.Terminated, ending.Status.State, "The process has terminated.");
            }

            try
            {
                return await call(assignment.Remote, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteProcessException exception) when (BrokenConnection.Is(assignment.Client, exception))
            {
                await MovedAsync(assignment, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until the pool has taken the process off its broken worker (the launch item notices the same broken connection).</summary>
    private async Task MovedAsync(Assignment broken, CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _ending) is null && Current is { IsCompletedSuccessfully: true } current && ReferenceEquals(current.Result, broken))
        {
            await Task.Delay(MovePollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private ProcessStatus QueuedStatus() => new()
    {
        Id = Id,
        Name = Name,
        State = ProcessState.Created,
        Paused = false,
        StatusMessage = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"queued in the pool at priority {Priority}"),
        CreatedAt = _queuedAt,
    };

    private ProcessStatus FailedStatus(Exception reason) => new()
    {
        Id = Id,
        Name = Name,
        State = ProcessState.Killed,
        Paused = false,
        CreatedAt = _queuedAt,
        KillMessage = reason is ProcessKilledException killed ? killed.KillMessage : reason.Message,
    };

    private static TaskCompletionSource<Assignment> NewAssignment() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Assignment(IProcessHandle<TProcess> Remote, ProcessClient Client);

    private sealed record Ending(ProcessStatus Status, Task<TProcess> Outputs);
}
