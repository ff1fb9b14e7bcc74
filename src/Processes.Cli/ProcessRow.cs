using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Cli;

/// <summary>One process as <c>list</c> and <c>watch</c> show it: what the worker reports (running) merged with what the store holds (stored).</summary>
internal sealed record ProcessRow(
    ProcessId Id,
    string Type,
    ProcessState State,
    bool Paused,
    ProcessId? ParentId,
    IReadOnlyList<string> Tags,
    bool Running,
    bool Stored,
    DateTimeOffset? SavedAt,
    string? Message)
{
    /// <summary>The filters of <c>list</c> and <c>watch</c>.</summary>
    public sealed record Filter(ProcessState? State, string? Type, string? Tag, bool RootsOnly)
    {
        public bool Matches(ProcessRow row) =>
            (State is null || row.State == State)
            && (Type is null || string.Equals(row.Type, Type, StringComparison.Ordinal))
            && (Tag is null || row.Tags.Contains(Tag, StringComparer.Ordinal))
            && (!RootsOnly || row.ParentId is null);
    }

    /// <summary>
    /// The worker's running processes and the store's checkpoints, one row per id (the running
    /// status wins; tags and the save time come from the store), filtered and sorted by type and id.
    /// </summary>
    public static async Task<IReadOnlyList<ProcessRow>> ListAsync(Target target, Filter filter, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<ProcessId, ProcessRow>();
        if (target.Store is { } store)
        {
            var query = new CheckpointQuery { State = filter.State, ProcessName = filter.Type, Tag = filter.Tag };
            foreach (var info in await store.ListAsync(query, cancellationToken).ConfigureAwait(false))
            {
                rows[info.Id] = new ProcessRow(info.Id, info.ProcessName, info.State, info.Paused, info.ParentId, info.Tags, Running: false, Stored: true, info.SavedAt, Message: null);
            }
        }

        if (target.Worker is { } worker)
        {
            foreach (var status in await worker.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.TryGetValue(status.Id, out var stored);
                rows[status.Id] = new ProcessRow(
                    status.Id, status.Name, status.State, status.Paused, status.ParentId,
                    stored?.Tags ?? [], Running: !IsTerminal(status.State), Stored: stored is not null, stored?.SavedAt, status.StatusMessage);
            }
        }

        return rows.Values.Where(filter.Matches).OrderBy(row => row.Type, StringComparer.Ordinal).ThenBy(row => row.Id.ToString(), StringComparer.Ordinal).ToList();
    }

    public static bool IsTerminal(ProcessState state) => state is ProcessState.Finished or ProcessState.Excepted or ProcessState.Killed;
}
