using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Processes.RabbitMQ;

/// <summary>Watching state changes as they are broadcast.</summary>
public sealed partial class RabbitMqProcessClient
{
    /// <summary>
    /// The status of one process (<paramref name="id"/>, starting with its current status) or of
    /// every process (null) at each state change on any worker, from the moment the subscription
    /// exists (earlier changes are not replayed). Ends when
    /// <paramref name="cancellationToken"/> is cancelled or the client is disposed. Events are sent
    /// without confirmation: a change during a broker outage may be missed.
    /// </summary>
    public async IAsyncEnumerable<ProcessStatus> WatchAsync(ProcessId? id = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await using var subscription = await StatusSubscription.OpenAsync(_connection, _topology, id, cancellationToken).ConfigureAwait(false);
        if (id is { } watched && await this.TryGetStatusAsync(watched, cancellationToken).ConfigureAwait(false) is { } current)
        {
            // Read once the queue is bound, so no change falls between it and the first event.
            yield return current;
        }

        await foreach (var status in subscription.Statuses.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return status;
        }
    }

    internal Task<StatusSubscription> SubscribeAsync(ProcessId id, CancellationToken cancellationToken) =>
        StatusSubscription.OpenAsync(_connection, _topology, id, cancellationToken);
}
