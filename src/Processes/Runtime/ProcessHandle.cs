using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Runtime;

namespace Processes;

/// <summary>
/// Controls and observes one launched process: state and status, pause, play, kill, and its
/// result. Obtained from <see cref="ProcessRuntime"/>; valid for the process's whole life.
/// </summary>
public class ProcessHandle
{
    private protected ProcessHandle(ProcessExecution execution) => Execution = execution;

    private protected ProcessExecution Execution { get; }

    /// <summary>The process id.</summary>
    public ProcessId Id => Execution.Id;

    /// <summary>The registered process type name.</summary>
    public string Name => Execution.Name;

    /// <summary>The current state.</summary>
    public ProcessState State => Execution.State;

    /// <summary>A snapshot of the full status (state, paused flag, message, creation time, result).</summary>
    public ProcessStatus Status => Execution.GetStatus();

    /// <summary>True when the process is paused.</summary>
    public bool IsPaused => Execution.GetStatus().Paused;

    /// <summary>Raised on every state change of this process, after it happened.</summary>
    public event EventHandler<ProcessStateChangedEventArgs>? StateChanged
    {
        add => Execution.StateChanged += value;
        remove => Execution.StateChanged -= value;
    }

    /// <summary>Pauses the process: it does not start its next step until played. The message becomes the status message.</summary>
    public ValueTask<ProcessControlResult> PauseAsync(string? message = null) => Execution.PauseAsync(message);

    /// <summary>Resumes a paused process and restores the status message it had before the pause.</summary>
    public ValueTask<ProcessControlResult> PlayAsync() => Execution.PlayAsync();

    /// <summary>
    /// Kills the process (and its children). A running step is cancelled through its token and
    /// the process is killed when it returns; with <paramref name="force"/> it is killed at once.
    /// </summary>
    public ValueTask<ProcessControlResult> KillAsync(string? message = null, bool force = false) => Execution.KillAsync(message, force);

    /// <summary>Waits until the process terminates (or its runtime stops) and returns its final status, without throwing for failures.</summary>
    public async Task<ProcessStatus> WaitForTerminationAsync(CancellationToken cancellationToken = default)
    {
        await Execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Execution.GetStatus();
    }

    /// <summary>Waits for the process and returns its outputs by port name; throws when it did not finish successfully.</summary>
    public async Task<IReadOnlyDictionary<string, object?>> GetOutputsAsync(CancellationToken cancellationToken = default)
    {
        await Execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfUnsuccessful();
        return Execution.GetOutputValues();
    }

    /// <summary>Throws the typed exception that describes why the terminated process has no result.</summary>
    private protected void ThrowIfUnsuccessful() => Execution.ThrowIfUnsuccessful();

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Id} ({State})";
}

/// <summary>A handle to a process of a known type, whose result is the process instance with its outputs set.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
public sealed class ProcessHandle<TProcess> : ProcessHandle
    where TProcess : class
{
    internal ProcessHandle(ProcessExecution<TProcess> execution)
        : base(execution)
    {
    }

    /// <summary>
    /// The process instance, whatever its result. While the process runs, its steps mutate it:
    /// read it once the process has terminated (<see cref="ProcessHandle.WaitForTerminationAsync"/>).
    /// </summary>
    public TProcess Process => ((ProcessExecution<TProcess>)Execution).Process;

    /// <summary>
    /// Waits for the process and returns it with its outputs set. Throws
    /// <see cref="ProcessKilledException"/>, <see cref="ProcessExceptedException"/> (with the
    /// original error) or <see cref="ProcessFinishedUnsuccessfullyException"/> (with the reason).
    /// </summary>
    public async Task<TProcess> WaitAsync(CancellationToken cancellationToken = default)
    {
        await Execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfUnsuccessful();
        return Process;
    }
}
