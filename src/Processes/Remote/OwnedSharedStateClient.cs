using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Runtime;

namespace Processes.Remote;

/// <summary>
/// A shared-state client whose states live on another owner (a worker over a pipe, the serving
/// worker over the broker): the typed reads and updates of <see cref="ISharedStateClient"/> over
/// the three calls a transport provides (read a version, compare-and-set a delegate's result,
/// apply a declared operation), so each transport writes only those and its watch.
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
        var (_, result) = await ApplyAsync(key, operation, cancellationToken).ConfigureAwait(false);
        return operation.DeserializeResult(result);
    }

    public async ValueTask<long> UpdateAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(operation);
        var (version, _) = await ApplyAsync(key, operation, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public abstract ValueTask<SharedStateChange<TState>> WaitForChangeAsync<TState>(string key, SharedStateWatchOptions? options = null, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>;

    /// <summary>Runs <paramref name="update"/> on the owner's current version and stores its result there (compare-and-set, again on a newer version when refused).</summary>
    protected abstract ValueTask<(long Version, TResult Result)> UpdateCoreAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken)
        where TState : class, ISharedState<TState>;

    /// <summary>Has the owner run a declared operation; returns the new version and the operation's serialized result.</summary>
    protected abstract ValueTask<(long Version, byte[] Result)> ApplyAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken)
        where TState : class, ISharedState<TState>;

    /// <summary>Reads the owner's current version of a state.</summary>
    protected abstract ValueTask<SharedStateVersion> GetVersionAsync(string stateName, string key, CancellationToken cancellationToken);
}
