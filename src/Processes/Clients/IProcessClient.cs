using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// The calls that work the same against the in-process runtime (<see cref="InProcessClient"/>)
/// and a remote worker (<see cref="Remote.ProcessClient"/>): run, launch, continue, control by
/// id, status and list (plumpy's <c>RemoteProcessController</c>).
/// </summary>
public interface IProcessClient
{
    /// <summary>
    /// Executes a process: launches it and waits for its outputs, returning an instance with them
    /// set. Failures throw the typed exceptions of <see cref="ProcessHandle{TProcess}.WaitAsync"/>.
    /// Cancelling <paramref name="cancellationToken"/> kills the process (nobody else holds its id)
    /// and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>Like <see cref="RunAsync{TProcess}(TProcess, CancellationToken)"/>, reporting the status on every state change.</summary>
    Task<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>Launches a process and returns at once with a handle to it.</summary>
    Task<IProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>
    /// Continues a process from its checkpoint (or returns it if it is already running) and
    /// returns a handle. A process of another type throws <see cref="InvalidOperationException"/>.
    /// </summary>
    Task<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>
    /// Continues a process as <paramref name="options"/> say: waiting for another runtime's lease
    /// up to <see cref="ContinueOptions.WaitForOwner"/> (else <see cref="ProcessOwnedException"/>),
    /// or from an earlier checkpoint (<see cref="ContinueOptions.FromSequence"/>). A process
    /// already running there is returned as it is. Null options are the defaults.
    /// </summary>
    Task<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>The status of a running process, or of a stored one as its last checkpoint records it.</summary>
    Task<ProcessStatus> GetStatusAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>The status of every process running now.</summary>
    Task<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Pauses a running process. A process that is stored but not running throws <see cref="ProcessNotRunningException"/>.</summary>
    Task<ProcessControlResult> PauseAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Plays a paused process.</summary>
    Task<ProcessControlResult> PlayAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>Kills a process; with <paramref name="force"/> without waiting for a running step.</summary>
    Task<ProcessControlResult> KillAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Pauses every running process; returns how many this call paused.</summary>
    Task<int> PauseAllAsync(string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Plays every paused process; returns how many this call resumed.</summary>
    Task<int> PlayAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Kills every process; returns how many this call killed.</summary>
    Task<int> KillAllAsync(string? message = null, CancellationToken cancellationToken = default);
}
