using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Processes;

/// <summary>Watches built on <see cref="ISharedStateClient.WaitForChangeAsync{TState}"/>, the same for every transport.</summary>
public static class SharedStateClientExtensions
{
    /// <summary>
    /// The changes of a state as they happen, each after the previous one's version, with the
    /// options' mode and filters (<see cref="SharedStateWatchOptions.AfterVersion"/> is where the
    /// first wait starts; <see cref="SharedStateWatchOptions.Timeout"/> applies to each wait).
    /// A buffered stream misses no matching change or throws <see cref="SharedStateHistoryTruncatedException"/>
    /// when it falls further behind than the history holds.
    /// </summary>
    public static async IAsyncEnumerable<SharedStateChange<TState>> WatchAsync<TState>(
        this ISharedStateClient client,
        string key,
        SharedStateWatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new SharedStateWatchOptions();
        var after = options.AfterVersion ?? (await client.GetAsync<TState>(key, cancellationToken).ConfigureAwait(false)).Version;
        while (true)
        {
            var change = await client.WaitForChangeAsync<TState>(key, options with { AfterVersion = after }, cancellationToken).ConfigureAwait(false);
            after = change.Version;
            yield return change;
        }
    }

    /// <summary>
    /// Waits until the state meets <paramref name="condition"/> (checked on the current state
    /// first, then after each change, own changes included) and returns the snapshot that met it.
    /// </summary>
    /// <exception cref="SharedStateWatchTimeoutException">The condition was not met within <paramref name="timeout"/>.</exception>
    public static async ValueTask<SharedStateSnapshot<TState>> WaitUntilAsync<TState>(
        this ISharedStateClient client,
        string key,
        Func<TState, bool> condition,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
        where TState : class, ISharedState<TState>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(condition);
        var snapshot = await client.GetAsync<TState>(key, cancellationToken).ConfigureAwait(false);
        if (condition(snapshot.State))
        {
            return snapshot;
        }

        var deadline = timeout is { } limit ? DateTimeOffset.UtcNow + limit : (DateTimeOffset?)null;
        var after = snapshot.Version;
        while (true)
        {
            var left = deadline is { } end ? end - DateTimeOffset.UtcNow : (TimeSpan?)null;
            if (left is { } remaining && remaining <= TimeSpan.Zero)
            {
                throw new SharedStateWatchTimeoutException(TState.StateName, key, after, timeout!.Value);
            }

            SharedStateChange<TState> change;
            try
            {
                change = await client.WaitForChangeAsync<TState>(
                    key,
                    new SharedStateWatchOptions { AfterVersion = after, Mode = SharedStateWatchMode.Live, IncludeOwnChanges = true, Timeout = left },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (SharedStateWatchTimeoutException)
            {
                throw new SharedStateWatchTimeoutException(TState.StateName, key, after, timeout!.Value);
            }

            after = change.Version;
            if (condition(change.State))
            {
                return new SharedStateSnapshot<TState>(key, change.Version, change.State, change.Writer, change.UpdatedAt);
            }
        }
    }
}
