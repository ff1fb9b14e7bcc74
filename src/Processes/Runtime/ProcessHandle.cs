using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Runtime;

namespace Processes;

/// <summary>
/// The in-process handle to one process of a <see cref="ProcessRuntime"/>: the members of
/// <see cref="IProcessHandle"/>, plus what only a local handle can offer at no cost: the current
/// <see cref="State"/> and <see cref="Status"/> read synchronously, and the
/// <see cref="StateChanged"/> event. Valid for the process's whole life.
/// </summary>
public class ProcessHandle : IProcessHandle
{
    private protected ProcessHandle(ProcessExecution execution) => Execution = execution;

    private protected ProcessExecution Execution { get; }

    /// <inheritdoc />
    public ProcessId Id => Execution.Id;

    /// <inheritdoc />
    public string Name => Execution.Name;

    /// <summary>The current state, read without waiting.</summary>
    public ProcessState State => Execution.State;

    /// <summary>A snapshot of the full status (state, paused flag, message, creation time, result), read without waiting.</summary>
    public ProcessStatus Status => Execution.GetStatus();

    /// <summary>Whether the process left this runtime to wait for children running on other workers (see <see cref="ProcessRuntime.RemoteChildren"/>).</summary>
    internal bool IsParked => Execution.IsParked;

    /// <summary>The number of the execution behind this handle in <see cref="Processes.Runtime.ExecutionSequence"/>.</summary>
    internal long CreationSequence => Execution.CreationSequence;

    /// <summary>Raised when the process emits an output before its end (<see cref="ProcessContext.EmitOutput"/>), on the thread that emitted it.</summary>
    public event EventHandler<OutputEmittedEventArgs>? OutputEmitted
    {
        add => Execution.OutputEmitted += value;
        remove => Execution.OutputEmitted -= value;
    }

    /// <summary>Raised on every state change of this process, after it happened.</summary>
    public event EventHandler<ProcessStateChangedEventArgs>? StateChanged
    {
        add => Execution.StateChanged += value;
        remove => Execution.StateChanged -= value;
    }

    /// <inheritdoc />
    public ValueTask<ProcessStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<ProcessStatus>(cancellationToken) : new ValueTask<ProcessStatus>(Status);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PauseAsync(string? message = null, CancellationToken cancellationToken = default) =>
        Control(Execution.PauseAsync(message), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PlayAsync(CancellationToken cancellationToken = default) =>
        Control(Execution.PlayAsync(), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> KillAsync(string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        Control(Execution.KillAsync(message, force), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ProcessStatus> WaitForTerminationAsync(CancellationToken cancellationToken = default)
    {
        await Execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Execution.GetStatus();
    }

    /// <summary>Waits for the process and returns its outputs by port name; throws when it did not finish successfully.</summary>
    public async ValueTask<IReadOnlyDictionary<string, object?>> GetOutputsAsync(CancellationToken cancellationToken = default)
    {
        await Execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfUnsuccessful();
        return Execution.GetOutputValues();
    }

    /// <summary>Throws the typed exception that describes why the terminated process has no result.</summary>
    private protected void ThrowIfUnsuccessful() => Execution.ThrowIfUnsuccessful();

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Id} ({State})";

    // The control itself is not cancellable (it applies or not); the token only stops the wait for its answer.
    private static ValueTask<ProcessControlResult> Control(ValueTask<ProcessControlResult> control, CancellationToken cancellationToken) =>
        control.IsCompleted || !cancellationToken.CanBeCanceled ? control : new ValueTask<ProcessControlResult>(control.AsTask().WaitAsync(cancellationToken));
}

/// <summary>The in-process handle to a process of a known type, whose result is the process instance with its outputs set.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
public sealed class ProcessHandle<TProcess> : ProcessHandle, IProcessHandle<TProcess>
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

    /// <inheritdoc />
    public async ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default)
    {
        await Execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfUnsuccessful();
        return Process;
    }

    /// <inheritdoc />
    public async ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
    {
        if (progress is null)
        {
            return await WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        void OnChanged(object? sender, ProcessStateChangedEventArgs change) => progress.Report(Status);
        StateChanged += OnChanged;
        try
        {
            progress.Report(Status);
            return await WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StateChanged -= OnChanged;
        }
    }
}
