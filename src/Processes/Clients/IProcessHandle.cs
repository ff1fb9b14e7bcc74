using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>A handle to a launched process of a known type, in this process or on a remote worker.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
public interface IProcessHandle<TProcess>
    where TProcess : class, IProcessDefinition<TProcess>
{
    /// <summary>The process id.</summary>
    ProcessId Id { get; }

    /// <summary>The registered process type name.</summary>
    string Name { get; }

    /// <summary>The current status.</summary>
    Task<ProcessStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Pauses the process.</summary>
    Task<ProcessControlResult> PauseAsync(string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Plays the paused process.</summary>
    Task<ProcessControlResult> PlayAsync(CancellationToken cancellationToken = default);

    /// <summary>Kills the process; with <paramref name="force"/> without waiting for a running step.</summary>
    Task<ProcessControlResult> KillAsync(string? message = null, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the process and returns an instance with its outputs set, or throws the typed
    /// reason it has none. Cancelling stops waiting; the process goes on.
    /// </summary>
    Task<TProcess> WaitAsync(CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="WaitAsync(CancellationToken)"/>, reporting the status on every state change.</summary>
    Task<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default);
}
