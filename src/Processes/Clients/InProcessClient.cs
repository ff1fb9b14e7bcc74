using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// <see cref="IProcessClient"/> over a <see cref="ProcessRuntime"/> in this process, so code
/// written against the interface runs unchanged in process or against a remote worker.
/// </summary>
public sealed class InProcessClient : IProcessClient
{
    /// <summary>Creates a client for <paramref name="runtime"/>; the runtime stays owned by the caller.</summary>
    public InProcessClient(ProcessRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Runtime = runtime;
    }

    /// <summary>The runtime the calls go to.</summary>
    public ProcessRuntime Runtime { get; }

    /// <inheritdoc />
    public Task<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> => RunAsync(process, progress: null, cancellationToken);

    /// <inheritdoc />
    public async Task<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A run, as ProcessRuntime.RunAsync and a worker's run: its checkpoints go once it succeeds.
        var handle = await Runtime.LaunchRunAsync(process).ConfigureAwait(false);
        try
        {
            return await new InProcessHandle<TProcess>(handle).WaitAsync(progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up on a process only it knew: do not leave it running unobserved.
            await handle.KillAsync("The caller cancelled the run.").ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new InProcessHandle<TProcess>(await Runtime.LaunchAsync(process, options).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> =>
        new InProcessHandle<TProcess>(await Runtime.ContinueAsync<TProcess>(id, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess> =>
        new InProcessHandle<TProcess>(options is null
            ? await Runtime.ContinueAsync<TProcess>(id, cancellationToken).ConfigureAwait(false)
            : await Runtime.ContinueAsync<TProcess>(id, options, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<ProcessStatus> GetStatusAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        Runtime.GetStatusAsync(id, cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProcessStatus>>(Runtime.Processes.Select(handle => handle.Status).ToList());

    /// <inheritdoc />
    public Task<ProcessControlResult> PauseAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default) =>
        ControlAsync(id, handle => handle.PauseAsync(message), cancellationToken);

    /// <inheritdoc />
    public Task<ProcessControlResult> PlayAsync(ProcessId id, CancellationToken cancellationToken = default) =>
        ControlAsync(id, handle => handle.PlayAsync(), cancellationToken);

    /// <inheritdoc />
    public Task<ProcessControlResult> KillAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default) =>
        ControlAsync(id, handle => handle.KillAsync(message, force), cancellationToken);

    /// <inheritdoc />
    public Task<int> PauseAllAsync(string? message = null, CancellationToken cancellationToken = default) => Runtime.PauseAllAsync(message).AsTask();

    /// <inheritdoc />
    public Task<int> PlayAllAsync(CancellationToken cancellationToken = default) => Runtime.PlayAllAsync().AsTask();

    /// <inheritdoc />
    public Task<int> KillAllAsync(string? message = null, CancellationToken cancellationToken = default) => Runtime.KillAllAsync(message).AsTask();

    private async Task<ProcessControlResult> ControlAsync(ProcessId id, Func<ProcessHandle, ValueTask<ProcessControlResult>> control, CancellationToken cancellationToken)
    {
        if (Runtime.TryGetProcess(id, out var handle))
        {
            return await control(handle).ConfigureAwait(false);
        }

        // Not running here: the checkpoint says whether it is over (a clear "terminated" answer,
        // as for a live process) or merely not loaded (the caller must continue it first).
        var status = await Runtime.GetStatusAsync(id, cancellationToken).ConfigureAwait(false);
        if (status.State.IsTerminal())
        {
            return new ProcessControlResult(ProcessControlOutcome.Terminated, status.State, $"The process has terminated ({status.State}); it accepts no more control calls.");
        }

        throw new ProcessNotRunningException(id, status.Name);
    }
}
