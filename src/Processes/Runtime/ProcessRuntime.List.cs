using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Runtime;

namespace Processes;

// Listing running and stored processes together, with the store's filters.
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// The processes that match <paramref name="query"/>: every one this runtime runs now, then every
    /// one in <see cref="Store"/> that it does not run (stopped, crashed, run elsewhere, or ended),
    /// as its last checkpoint records it. A running process is matched on its live state, type,
    /// parent and launch tags, with "now" as its save time; a stored one on its checkpoint record.
    /// Children inherit their parent's tags, so set <see cref="CheckpointQuery.RootsOnly"/> for
    /// top-level processes alone. <see cref="CheckpointQuery.Limit"/> bounds the whole list.
    /// </summary>
    /// <param name="query">The filter; null lists everything.</param>
    /// <param name="cancellationToken">Cancels the store's listing and reads.</param>
    public async ValueTask<IReadOnlyList<ProcessStatus>> ListAsync(CheckpointQuery? query, CancellationToken cancellationToken = default)
    {
        query ??= CheckpointQuery.All;
        var limit = query.Limit ?? int.MaxValue;
        var statuses = new List<ProcessStatus>();
        var listed = new HashSet<ProcessId>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, execution) in _live)
        {
            var status = execution.GetStatus();
            if (statuses.Count < limit && query.Matches(new CheckpointInfo(id, status.Name, status.State, status.Paused, execution.Tags, now, status.ParentId)))
            {
                statuses.Add(status);
            }

            listed.Add(id);
        }

        foreach (var info in await Store.ListAsync(query with { Limit = null }, cancellationToken).ConfigureAwait(false))
        {
            if (statuses.Count >= limit)
            {
                break;
            }

            if (listed.Add(info.Id) && await TryReadStatusAsync(info.Id, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                statuses.Add(stored);
            }
        }

        return statuses;
    }

    // A checkpoint deleted between the listing and the read is left out.
    private async ValueTask<ProcessStatus?> TryReadStatusAsync(ProcessId id, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadStatusAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointNotFoundException)
        {
            return null;
        }
    }
}
