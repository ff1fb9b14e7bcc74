using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>
/// Reads, updates and watches durable shared states by key, whatever the transport: in process
/// (<see cref="ProcessRuntime.SharedStates"/>, a step's or task's context) or on a worker over a
/// named pipe (<c>ProcessClient.SharedStates</c>). A state is addressed by its class (its
/// <see cref="ISharedState{TSelf}.StateName"/>) and a key; every key starts as a new instance at
/// version 0. Semantics: <c>docs/concepts/shared-state.md</c>.
/// </summary>
public interface ISharedStateClient
{
    /// <summary>The name this client writes its changes under; watches of this client skip them unless asked.</summary>
    string Writer { get; }

    /// <summary>A consistent snapshot of the state: what the last acknowledged update left.</summary>
    ValueTask<SharedStateSnapshot<TState>> GetAsync<TState>(string key, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;

    /// <summary>
    /// Runs <paramref name="update"/> on the state atomically: updates of one state (class and
    /// key) run one at a time on its owner, each on the state the previous one left, and the
    /// result is saved to the store before this returns. An update that throws changes nothing;
    /// one that changes no member writes nothing. Remote clients may run the delegate more than
    /// once (compare-and-set): it must only change the state and compute its result.
    /// </summary>
    /// <returns>The delegate's result.</returns>
    ValueTask<TResult> UpdateAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;

    /// <summary>Runs <paramref name="update"/> on the state atomically, as <see cref="UpdateAsync{TState, TResult}(string, Func{TState, TResult}, CancellationToken)"/> does.</summary>
    /// <returns>The version after the update (unchanged when the update changed nothing).</returns>
    ValueTask<long> UpdateAsync<TState>(string key, Action<TState> update, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;

    /// <summary>
    /// Runs a declared operation (a <c>[SharedStateOperation]</c> method, e.g.
    /// <c>Census.Operations.Add(city, people)</c>) on the state atomically, on the owner of the
    /// state, exactly once: in process under the state's lock like a delegate; on a named-pipe
    /// worker the operation is sent by name with its serialized arguments and runs there in one
    /// round trip. The new state is saved before this returns; an operation that throws changes
    /// nothing.
    /// </summary>
    /// <returns>The operation's result (a copy, read from its serialized form).</returns>
    ValueTask<TResult> UpdateAsync<TState, TResult>(string key, SharedStateOperation<TState, TResult> operation, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;

    /// <summary>Runs a declared operation that returns nothing, as <see cref="UpdateAsync{TState, TResult}(string, SharedStateOperation{TState, TResult}, CancellationToken)"/> does.</summary>
    /// <returns>The version after the operation (unchanged when it changed nothing).</returns>
    ValueTask<long> UpdateAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;

    /// <summary>
    /// Waits for a change of the state after <see cref="SharedStateWatchOptions.AfterVersion"/>
    /// that matches the options (members, own changes), buffered or live.
    /// </summary>
    /// <exception cref="SharedStateWatchTimeoutException">No matching change within the timeout.</exception>
    /// <exception cref="SharedStateHistoryTruncatedException">A buffered watch after a version the history no longer holds.</exception>
    ValueTask<SharedStateChange<TState>> WaitForChangeAsync<TState>(string key, SharedStateWatchOptions? options = null, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;
}
