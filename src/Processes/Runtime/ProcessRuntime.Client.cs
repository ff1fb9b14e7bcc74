using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Runtime;

namespace Processes;

// The IProcessClient verbs of the in-process transport. Methods that return a handle return the
// local ProcessHandle (synchronous status, StateChanged, the instance); the interface sees the
// same objects as IProcessHandle.
public sealed partial class ProcessRuntime : IProcessClient
{
    private LiveProcesses? _processes;

    /// <summary>
    /// The processes this runtime is running now (terminated and detached ones drop out): a live
    /// view, not a copy; enumerating it while processes start and end is safe.
    /// </summary>
    public IReadOnlyCollection<ProcessHandle> Processes => _processes ??= new LiveProcesses(this);

    /// <inheritdoc cref="IProcessClient.RunAsync{TProcess}(TProcess, CancellationToken)" />
    /// <remarks>
    /// A task run this way (without a retry policy or time limit) runs inline: same validation,
    /// results and exceptions, but no handle or checkpoints. It does not appear in
    /// <see cref="Processes"/>; <see cref="StateChanged"/> listeners see its changes with a null sender.
    /// </remarks>
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        return RunCore(process, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        ArgumentNullException.ThrowIfNull(process);
        return progress is null ? RunCore(process, cancellationToken) : RunReportingAsync(process, progress, cancellationToken);
    }

    /// <inheritdoc cref="IProcessClient.LaunchAsync{TProcess}(TProcess, LaunchOptions?, CancellationToken)" />
    public ValueTask<ProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<ProcessHandle<TProcess>>(cancellationToken)
            : LaunchAsync(process, options, isRun: false);

    /// <inheritdoc />
    ValueTask<IProcessHandle<TProcess>> IProcessClient.LaunchAsync<TProcess>(TProcess process, LaunchOptions? options, CancellationToken cancellationToken) =>
        Upcast<ProcessHandle<TProcess>, IProcessHandle<TProcess>>(LaunchAsync(process, options, cancellationToken));

    /// <inheritdoc />
    public async ValueTask<ProcessId> SubmitAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> =>
        (await LaunchAsync(process, options, cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>
    /// Launches a process by its registered name with raw inputs (port name → value; nested
    /// namespaces as dictionaries or typed values). The raw inputs are validated against the port
    /// spec (every error collected, <see cref="PortValidationException"/>) and defaults are filled
    /// into a copy; they are never changed.
    /// </summary>
    public async ValueTask<ProcessHandle> LaunchAsync(string processName, IReadOnlyDictionary<string, object?> inputs, LaunchOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var descriptor = Registry.Get(processName);
        descriptor.EnsureValidDefaults();
        var errors = PortValues.Validate(descriptor.Inputs, inputs, "inputs");
        if (errors.Count > 0)
        {
            throw new PortValidationException(descriptor.Name, errors);
        }

        var process = descriptor.CreateFromInputs(PortValues.FillDefaults(descriptor.Inputs, inputs));
        var execution = descriptor.CreateAdapter().Create(this, process, NewSnapshot(descriptor, options, parentId: null), isRun: false);
        return (await LaunchAsync(execution).ConfigureAwait(false)).Handle;
    }

    /// <summary>
    /// Continues a process from its stored checkpoint: it resumes after its last completed step,
    /// keeps waiting on the children it was waiting for and stays paused if it was saved paused.
    /// A process already running in this runtime is returned as it is.
    /// </summary>
    public ValueTask<ProcessHandle> ContinueAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        ContinueAsync(id, options: null, cancellationToken);

    /// <summary>
    /// Continues a process from its stored checkpoint as <see cref="ContinueAsync(ProcessId, CancellationToken)"/>
    /// does, waiting for another runtime's lease as <paramref name="options"/> allow, or from an
    /// earlier checkpoint of the store's history. Null options are the defaults.
    /// </summary>
    /// <exception cref="ProcessOwnedException">Another runtime runs the process and did not let it go in time.</exception>
    public async ValueTask<ProcessHandle> ContinueAsync(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default) =>
        (await AttachAsync(id, cancellationToken, options).ConfigureAwait(false)).Handle;

    /// <summary>Continues a process of a known type from its stored checkpoint; another type throws <see cref="InvalidOperationException"/>.</summary>
    public ValueTask<ProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> =>
        ContinueAsync<TProcess>(id, options: null, cancellationToken);

    /// <inheritdoc cref="IProcessClient.ContinueAsync{TProcess}(ProcessId, ContinueOptions?, CancellationToken)" />
    public async ValueTask<ProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        var handle = await ContinueAsync(id, options, cancellationToken).ConfigureAwait(false);
        return handle as ProcessHandle<TProcess> ?? throw new InvalidOperationException(
            $"Process {id} is a {handle.Name}, not a {TProcess.Descriptor.Name}.");
    }

    /// <inheritdoc />
    ValueTask<IProcessHandle<TProcess>> IProcessClient.ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken) =>
        Upcast<ProcessHandle<TProcess>, IProcessHandle<TProcess>>(ContinueAsync<TProcess>(id, options: null, cancellationToken));

    /// <inheritdoc />
    ValueTask<IProcessHandle<TProcess>> IProcessClient.ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken) =>
        Upcast<ProcessHandle<TProcess>, IProcessHandle<TProcess>>(ContinueAsync<TProcess>(id, options, cancellationToken));

    /// <summary>Finds a process this runtime is running.</summary>
    public bool TryGetProcess(ProcessId id, [NotNullWhen(true)] out ProcessHandle? handle)
    {
        handle = _live.TryGetValue(id, out var execution) ? execution.Handle : null;
        return handle is not null;
    }

    /// <inheritdoc />
    /// <remarks>The watch ends (without an exception) when this runtime stops.</remarks>
    public async IAsyncEnumerable<ProcessStatus> WatchAsync(ProcessId? id = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfStopped();
        using var watch = new RuntimeStatusWatch(this, id);
        await watch.QueueCurrentAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var status in watch.Statuses.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return status;
        }
    }

    /// <inheritdoc />
    /// <remarks>Read without loading or starting the process; an unknown id throws <see cref="CheckpointNotFoundException"/>.</remarks>
    public ValueTask<ProcessStatus> GetStatusAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        ReadStatusAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var statuses = new List<ProcessStatus>(_live.Count);
        foreach (var (_, execution) in _live)
        {
            statuses.Add(execution.GetStatus());
        }

        return new ValueTask<IReadOnlyList<ProcessStatus>>(statuses);
    }

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PauseAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default) =>
        ControlAsync(id, static (handle, message, token) => handle.PauseAsync(message, token), message, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> PlayAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        ControlAsync(id, static (handle, _, token) => handle.PlayAsync(token), null, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ProcessControlResult> KillAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        ControlAsync(id, (handle, message, token) => handle.KillAsync(message, force, token), message, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> PauseAllAsync(string? message = null, CancellationToken cancellationToken = default) =>
        ForAllAsync(execution => execution.PauseAsync(message));

    /// <inheritdoc />
    public ValueTask<int> PlayAllAsync(CancellationToken cancellationToken = default) =>
        ForAllAsync(static execution => execution.PlayAsync());

    /// <inheritdoc />
    public ValueTask<int> KillAllAsync(string? message = null, CancellationToken cancellationToken = default) =>
        ForAllAsync(execution => execution.KillAsync(message, force: false));

    private async ValueTask<TProcess> RunReportingAsync<TProcess>(TProcess process, IProgress<ProcessStatus> progress, CancellationToken cancellationToken)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A run: its checkpoints go once it succeeds, as for RunAsync without progress.
        var handle = await LaunchRunAsync(process).ConfigureAwait(false);
        try
        {
            return await handle.WaitAsync(progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up on a process only it knew: do not leave it running unobserved.
            await handle.KillAsync("The caller cancelled the run.", cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask<ProcessControlResult> ControlAsync(
        ProcessId id,
        Func<ProcessHandle, string?, CancellationToken, ValueTask<ProcessControlResult>> control,
        string? message,
        CancellationToken cancellationToken)
    {
        if (TryGetProcess(id, out var handle))
        {
            return await control(handle, message, cancellationToken).ConfigureAwait(false);
        }

        // Not running here: the checkpoint says whether it is over (a clear "terminated" answer,
        // as for a live process) or merely not loaded (the caller must continue it first).
        var status = await ReadStatusAsync(id, cancellationToken).ConfigureAwait(false);
        if (status.State.IsTerminal())
        {
            return new ProcessControlResult(ProcessControlOutcome.Terminated, status.State, $"The process has terminated ({status.State}); it accepts no more control calls.");
        }

        throw new ProcessNotRunningException(id, status.Name);
    }

    private static ValueTask<TTo> Upcast<TFrom, TTo>(ValueTask<TFrom> task)
        where TFrom : TTo =>
        task.IsCompletedSuccessfully ? new ValueTask<TTo>(task.Result) : UpcastAsync<TFrom, TTo>(task);

    private static async ValueTask<TTo> UpcastAsync<TFrom, TTo>(ValueTask<TFrom> task)
        where TFrom : TTo =>
        await task.ConfigureAwait(false);

    /// <summary>A live, copy-free view of the running processes.</summary>
    private sealed class LiveProcesses(ProcessRuntime runtime) : IReadOnlyCollection<ProcessHandle>
    {
        public int Count => runtime._live.Count;

        public IEnumerator<ProcessHandle> GetEnumerator()
        {
            // Enumerating the dictionary itself takes no lock and no snapshot (its Values property copies).
            foreach (var (_, execution) in runtime._live)
            {
                yield return execution.Handle;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
