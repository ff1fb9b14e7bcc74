using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// A handle to one launched or continued process, in this process or on a remote worker: its id,
/// status, control, and its end. Every transport returns handles with these members, so code
/// written against them runs unchanged on any <see cref="IProcessClient"/>.
/// </summary>
public interface IProcessHandle
{
    /// <summary>The process id.</summary>
    ProcessId Id { get; }

    /// <summary>The registered process type name.</summary>
    string Name { get; }

    /// <summary>The current status (state, paused flag, status message, creation time, result).</summary>
    ValueTask<ProcessStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses the process: it does not start its next step until played. The message becomes the
    /// status message. Cancelling stops waiting for the answer; the pause may still take effect.
    /// </summary>
    ValueTask<ProcessControlResult> PauseAsync(string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Plays a paused process and restores the status message it had before the pause.</summary>
    ValueTask<ProcessControlResult> PlayAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Kills the process (and its children). A running step is cancelled through its token and the
    /// process is killed when it returns; with <paramref name="force"/> it is killed at once.
    /// </summary>
    ValueTask<ProcessControlResult> KillAsync(string? message = null, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the process terminates and returns its final status, without throwing for a
    /// process that failed or was killed. Cancelling stops waiting; the process goes on.
    /// </summary>
    ValueTask<ProcessStatus> WaitForTerminationAsync(CancellationToken cancellationToken = default);
}

/// <summary>A handle to a process of a known type, whose result is the process instance with its outputs set.</summary>
/// <typeparam name="TProcess">The process class.</typeparam>
public interface IProcessHandle<TProcess> : IProcessHandle
    where TProcess : class
{
    /// <summary>
    /// Waits for the process and returns an instance with its outputs set, or throws the typed
    /// reason it has none: <see cref="ProcessKilledException"/>, <see cref="ProcessExceptedException"/>
    /// (with the original error) or <see cref="ProcessFinishedUnsuccessfullyException"/> (with the
    /// exit code). Cancelling stops waiting; the process goes on.
    /// </summary>
    ValueTask<TProcess> WaitAsync(CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="WaitAsync(CancellationToken)"/>, reporting the status now and on every state change.</summary>
    ValueTask<TProcess> WaitAsync(IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default);
}
