using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// The one client API of every transport: the in-process runtime (<c>ProcessRuntime</c>) and a
/// named-pipe worker (<c>Remote.ProcessClient</c>) implement it with the same
/// behaviour, checked by one shared scenario suite. Its verbs: run (launch and wait), launch,
/// submit (fire and forget), continue, control by id (pause, play, kill, one or all), status,
/// list and watch (plumpy's <c>RemoteProcessController</c> and its state broadcasts). Every call returns a <see cref="ValueTask"/> (as
/// every asynchronous API of the SDK, stores included: a call that completes at once allocates
/// nothing; await each result once, or call <c>AsTask()</c> to combine or await it again) and
/// takes its <see cref="CancellationToken"/> last. Disposing a client disposes what it owns (a
/// runtime stops, a connection closes).
/// </summary>
public interface IProcessClient : IAsyncDisposable
{
    /// <summary>
    /// Executes a process: launches it and waits for its outputs, returning an instance with them
    /// set. Failures throw the typed exceptions of <see cref="IProcessHandle{TProcess}.WaitAsync(CancellationToken)"/>;
    /// invalid inputs throw <see cref="Ports.PortValidationException"/> before anything runs.
    /// Cancelling <paramref name="cancellationToken"/> kills the process (nobody else holds its id)
    /// and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    ValueTask<TProcess> RunAsync<TProcess>(TProcess process, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>Like <see cref="RunAsync{TProcess}(TProcess, CancellationToken)"/>, reporting the status on every state change.</summary>
    ValueTask<TProcess> RunAsync<TProcess>(TProcess process, IProgress<ProcessStatus>? progress, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>
    /// Validates the inputs, stores the first checkpoint, starts the process and returns a handle
    /// to it without waiting for its end. Invalid inputs throw
    /// <see cref="Ports.PortValidationException"/> listing every error, and nothing is launched.
    /// </summary>
    ValueTask<IProcessHandle<TProcess>> LaunchAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>
    /// Fire and forget: launches a process and returns its id as soon as the transport has taken
    /// the request, without a handle and without waiting for the launch to be confirmed. A launch
    /// that fails later (invalid inputs on a remote worker, a store error) is only logged where
    /// it runs; use <see cref="LaunchAsync{TProcess}"/> to see such errors. In process the launch
    /// completes before the call returns, so its errors do throw.
    /// </summary>
    ValueTask<ProcessId> SubmitAsync<TProcess>(TProcess process, LaunchOptions? options = null, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>
    /// Continues a process from its checkpoint (or returns it if it is already running) and
    /// returns a handle. A process of another type throws <see cref="InvalidOperationException"/>.
    /// </summary>
    ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>
    /// Continues a process as <paramref name="options"/> say: waiting for another runtime's lease
    /// up to <see cref="ContinueOptions.WaitForOwner"/> (else <see cref="ProcessOwnedException"/>),
    /// or from an earlier checkpoint (<see cref="ContinueOptions.FromSequence"/>). A process
    /// already running there is returned as it is. Null options are the defaults.
    /// </summary>
    ValueTask<IProcessHandle<TProcess>> ContinueAsync<TProcess>(ProcessId id, ContinueOptions? options, CancellationToken cancellationToken = default)
        where TProcess : class, IProcessDefinition<TProcess>;

    /// <summary>The status of a running process, or of a stored one as its last checkpoint records it.</summary>
    ValueTask<ProcessStatus> GetStatusAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>The status of every process running now.</summary>
    ValueTask<IReadOnlyList<ProcessStatus>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Pauses a running process. A process that is stored but not running throws <see cref="ProcessNotRunningException"/>.</summary>
    ValueTask<ProcessControlResult> PauseAsync(ProcessId id, string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Plays a paused process.</summary>
    ValueTask<ProcessControlResult> PlayAsync(ProcessId id, CancellationToken cancellationToken = default);

    /// <summary>Kills a process; with <paramref name="force"/> without waiting for a running step.</summary>
    ValueTask<ProcessControlResult> KillAsync(ProcessId id, string? message = null, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Pauses every running process; returns how many this call paused.</summary>
    ValueTask<int> PauseAllAsync(string? message = null, CancellationToken cancellationToken = default);

    /// <summary>Plays every paused process; returns how many this call resumed.</summary>
    ValueTask<int> PlayAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Kills every process; returns how many this call killed.</summary>
    ValueTask<int> KillAllAsync(string? message = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The status of process <paramref name="id"/> (or of every process, when null) at each of its
    /// state changes, in order, from the moment the watch is set up: earlier changes are not
    /// replayed. A watch of one process starts with its current status (when the id is known), so
    /// nothing falls between reading it and the first change; a state may then be seen twice. A
    /// watch of every process starts with the next change. A watch of one process does not end by
    /// itself when it terminates: stop enumerating, or cancel
    /// <paramref name="cancellationToken"/> (the enumeration then throws
    /// <see cref="OperationCanceledException"/>). Tasks a runtime runs inline (no handle, no
    /// checkpoint) are not tracked processes and are not watched.
    /// </summary>
    /// <exception cref="NotSupportedException">The other end is too old to stream state changes.</exception>
    IAsyncEnumerable<ProcessStatus> WatchAsync(ProcessId? id = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises event <paramref name="eventName"/> (a signal without payload) to process
    /// <paramref name="id"/>; see <see cref="RaiseEventAsync{TPayload}"/>.
    /// </summary>
    ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises event <paramref name="eventName"/> with <paramref name="payload"/> (a
    /// <c>[PortNamespace]</c> type: validated by its generated rules, serialized by its generated
    /// code) to process <paramref name="id"/>. The event is durable before this returns: a process
    /// waiting for it goes on (<see cref="ProcessEventOutcome.Delivered"/>); a running process not
    /// waiting for it keeps it until a step does (<see cref="ProcessEventOutcome.Buffered"/>); a
    /// stopped process finds it in its checkpoint when continued (<see cref="ProcessEventOutcome.Stored"/>);
    /// a terminated process or a task rejects it (<see cref="ProcessEventOutcome.Rejected"/>).
    /// </summary>
    /// <exception cref="Ports.PortValidationException">The payload breaks its namespace's rules; nothing was raised.</exception>
    /// <exception cref="CheckpointNotFoundException">No process has that id.</exception>
    /// <exception cref="ProcessOwnedException">Another runtime runs the process: raise the event there.</exception>
    ValueTask<ProcessEventResult> RaiseEventAsync<TPayload>(ProcessId id, string eventName, TPayload payload, CancellationToken cancellationToken = default)
        where TPayload : Ports.IPortNamespace<TPayload>;

    /// <summary>
    /// Raises event <paramref name="eventName"/> with a payload given as a JSON object (port names
    /// as keys), for a caller without the payload's type (a script, the command line): where the
    /// process runs, the JSON is read as <paramref name="payloadType"/>, a <c>[PortNamespace]</c>
    /// type registered there under its full name with
    /// <see cref="ProcessRegistry.RegisterEventPayload{TPayload}"/>, through its generated port
    /// spec (defaults filled, every rule checked). Otherwise as
    /// <see cref="RaiseEventAsync{TPayload}"/>; every transport gives the same answers and errors.
    /// </summary>
    /// <exception cref="Ports.PortValidationException">
    /// The JSON does not parse, is not an object, names an unknown port, has a value of the wrong
    /// type or one that breaks its rules, or <paramref name="payloadType"/> is not registered where
    /// the event is read: every error at its path under <c>event.&lt;name&gt;</c> (e.g.
    /// <c>event.approved.limit</c>); nothing was raised.
    /// </exception>
    /// <exception cref="CheckpointNotFoundException">No process has that id.</exception>
    /// <exception cref="NotSupportedException">The worker is of a version that reads no JSON payloads.</exception>
    ValueTask<ProcessEventResult> RaiseEventAsync(ProcessId id, string eventName, string payloadType, string payloadJson, CancellationToken cancellationToken = default);
}
