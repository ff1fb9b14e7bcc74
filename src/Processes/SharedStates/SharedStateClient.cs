using System;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.Runtime;

/// <summary>The in-process <see cref="ISharedStateClient"/>: typed calls on the runtime's engine, under one writer name.</summary>
internal sealed class SharedStateClient : ISharedStateClient
{
    private readonly SharedStateEngine _engine;

    public SharedStateClient(SharedStateEngine engine, string writer)
    {
        _engine = engine;
        Writer = writer;
    }

    public string Writer { get; }

    public async ValueTask<SharedStateSnapshot<TState>> GetAsync<TState>(string key, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        var version = await _engine.GetAsync(TState.StateName, key, cancellationToken).ConfigureAwait(false);
        return Snapshot<TState>(key, version);
    }

    public async ValueTask<TResult> UpdateAsync<TState, TResult>(string key, Func<TState, TResult> update, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(update);
        var (_, result) = await _engine.UpdateAsync(TState.StateName, key, Writer, update, static (current, apply) =>
        {
            var state = SharedStateSerializer.Read<TState>(current);
            var initial = current.Data is null ? SharedStateSerializer.Write(state) : null;
            var result = apply(state);
            return (initial, SharedStateSerializer.Write(state), result);
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async ValueTask<long> UpdateAsync<TState>(string key, Action<TState> update, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(update);
        var (version, _) = await _engine.UpdateAsync(TState.StateName, key, Writer, update, static (current, apply) =>
        {
            var state = SharedStateSerializer.Read<TState>(current);
            var initial = current.Data is null ? SharedStateSerializer.Write(state) : null;
            apply(state);
            return (initial, SharedStateSerializer.Write(state), 0);
        }, cancellationToken).ConfigureAwait(false);
        return version.Version;
    }

    public async ValueTask<TResult> UpdateAsync<TState, TResult>(string key, SharedStateOperation<TState, TResult> operation, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(operation);
        var (_, result) = await _engine.UpdateAsync(TState.StateName, key, Writer, operation, static (current, apply) =>
        {
            var (initial, data, result) = SharedStateOperationRunner.Run(current, apply);
            return (initial, data, result);
        }, cancellationToken).ConfigureAwait(false);
        return operation.DeserializeResult(result);
    }

    public async ValueTask<long> UpdateAsync<TState>(string key, SharedStateOperation<TState> operation, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(operation);
        var (version, _) = await _engine.UpdateAsync(TState.StateName, key, Writer, operation, static (current, apply) =>
        {
            var (initial, data, _) = SharedStateOperationRunner.Run(current, apply);
            return (initial, data, 0);
        }, cancellationToken).ConfigureAwait(false);
        return version.Version;
    }

    public async ValueTask<SharedStateChange<TState>> WaitForChangeAsync<TState>(string key, SharedStateWatchOptions? options = null, CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        options ??= new SharedStateWatchOptions();
        var found = await _engine.WaitAsync(
            TState.StateName,
            key,
            options.AfterVersion,
            options.Mode,
            options.Members,
            options.IncludeOwnChanges ? null : Writer,
            options.Timeout,
            cancellationToken).ConfigureAwait(false);
        return Change<TState>(key, found);
    }

    public static SharedStateSnapshot<TState> Snapshot<TState>(string key, SharedStateVersion version)
        where TState : class, ISharedState<TState> =>
        new(key, version.Version, SharedStateSerializer.Read<TState>(version), version.Writer, version.UpdatedAt);

    public static SharedStateChange<TState> Change<TState>(string key, SharedStateFound found)
        where TState : class, ISharedState<TState>
    {
        var change = found.Change;
        return new SharedStateChange<TState>(
            key,
            change.Version,
            SharedStateSerializer.Read<TState>(change),
            change.Writer,
            change.ChangedMembers,
            change.UpdatedAt ?? DateTimeOffset.MinValue,
            found.SkippedChanges,
            found.HistoryTruncated);
    }
}
