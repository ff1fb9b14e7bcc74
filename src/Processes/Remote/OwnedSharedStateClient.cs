using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Runtime;

namespace Processes.Remote;

/// <summary>
/// A shared-state client whose states live on another owner (a worker over a pipe, the serving
/// worker over the broker): the typed reads and updates of <see cref="ISharedStateClient"/> over
/// the three calls a transport provides (read a version, replace an expected version, apply a
/// declared operation), so each transport writes only those and its watch; the compare-and-set
/// loop of a delegate update is here, once.
/// </summary>
internal abstract class OwnedSharedStateClient : ISharedStateClient
{
    protected OwnedSharedStateClient(string writer) => Writer = writer;

    public string Writer { get; }

    public async ValueTask<SharedStateSnapshot<TState>> GetAsync<TState>(string key, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        var version = await GetVersionAsync(TState.StateName, key, cancellationToken).ConfigureAwait(false);
        return SharedStateClient.Snapshot<TState>(key, version);
    }

    public async ValueTask<TResult> UpdateAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(update);
        var (_, result) = await UpdateCoreAsync(key, update, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async ValueTask<long> UpdateAsync<TState>(string key, Action<TState> update, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(update);
        var (version, _) = await UpdateCoreAsync<TState, int>(key, state => { update(state); return 0; }, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public async ValueTask<TResult> UpdateAsync<TState, TResult>(string key, SharedStateOperation<TState, TResult> operation, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(operation);
        var (_, result) = await ApplyOperationAsync(key, operation, cancellationToken).ConfigureAwait(false);
        return operation.DeserializeResult(result);
    }

    public async ValueTask<long> UpdateAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(operation);
        var (version, _) = await ApplyOperationAsync(key, operation, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public abstract ValueTask<SharedStateChange<TState>> WaitForChangeAsync<TState>(string key, SharedStateWatchOptions? options = null, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;

    /// <summary>
    /// Runs <paramref name="update"/> here on the owner's current version and asks the owner to
    /// replace that version with the result (compare-and-set); when another update came first, runs
    /// it again on the newer version the refusal carries. An update that changes nothing is not sent.
    /// </summary>
    protected virtual async ValueTask<(long Version, TResult Result)> UpdateCoreAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken)
        where TState : class, ISharedState<TState>
    {
        var stateName = TState.StateName;
        var current = await GetVersionAsync(stateName, key, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var state = SharedStateSerializer.Read<TState>(current);
            var initial = current.Data is null ? SharedStateSerializer.Write(state) : null;
            var result = update(state);
            var data = SharedStateSerializer.Write(state);
            if (data.AsSpan().SequenceEqual(current.Data ?? initial))
            {
                return (current.Version, result);
            }

            var (applied, after) = await ReplaceAsync(stateName, key, current.Version, initial, data, cancellationToken).ConfigureAwait(false);
            if (applied)
            {
                return (after.Version, result);
            }

            current = after;
        }
    }

    /// <summary>Has the owner run a declared operation: it travels by name with its arguments and runs there once.</summary>
    private ValueTask<(long Version, byte[] Result)> ApplyOperationAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken)
        where TState : class, ISharedState<TState> =>
        ApplyAsync(TState.StateName, key, operation.Name, operation.SerializeArguments(), cancellationToken);

    /// <summary>
    /// Asks the owner to replace <paramref name="expectedVersion"/> with <paramref name="data"/>
    /// (<paramref name="initial"/>: the default state's bytes when the state was never written).
    /// Returns whether it did, and the owner's version after: the new one, or the newer one that refused it.
    /// </summary>
    protected abstract ValueTask<(bool Applied, SharedStateVersion After)> ReplaceAsync(string stateName, string key, long expectedVersion, byte[]? initial, byte[] data, CancellationToken cancellationToken);

    /// <summary>Has the owner run the operation <paramref name="operationName"/> once; returns the new version and the operation's serialized result.</summary>
    protected abstract ValueTask<(long Version, byte[] Result)> ApplyAsync(string stateName, string key, string operationName, byte[] arguments, CancellationToken cancellationToken);

    /// <summary>Reads the owner's current version of a state.</summary>
    protected abstract ValueTask<SharedStateVersion> GetVersionAsync(string stateName, string key, CancellationToken cancellationToken);
}
