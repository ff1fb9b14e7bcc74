using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.Sqlite.Tests.Documentation;

/// <summary>
/// The C# of docs/concepts/sqlite-store.md: each region between <c>doc:</c> markers appears in
/// the page word for word (<see cref="SqliteStoreDocumentationTests"/> checks it), so the page's
/// code compiles and runs.
/// </summary>
internal static class SqliteStoreDocumentationExample
{
    public static async Task<int> RunAsync(string path, CancellationToken cancellationToken)
    {
        // <doc:open>
        await using var store = await SqliteCheckpointStore.OpenAsync(path, new SqliteCheckpointStoreOptions
        {
            HistoryLength = 10,                        // the latest and the 9 before it, per process
            FinishedRetention = TimeSpan.FromDays(30), // purge finished, excepted and killed processes after 30 days
        }, cancellationToken);
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        // </doc:open>

        var id = ProcessId.New();
        var info = new CheckpointInfo(id, "Samples.Relax", ProcessState.Waiting, false, new[] { "nightly" }, DateTimeOffset.Now);
        await store.SaveAsync(new Checkpoint(info, new byte[] { 1 }), cancellationToken);
        await store.SaveAsync(new Checkpoint(info, new byte[] { 2 }), cancellationToken);

        // <doc:query>
        var nightly = await store.ListAsync(CheckpointQuery.ForTag("nightly"), cancellationToken);
        var history = await store.ListHistoryAsync(id, cancellationToken);          // newest first
        var earlier = await store.LoadHistoryAsync(id, history[^1].Sequence, cancellationToken);
        var purged = await store.PurgeAsync(TimeSpan.FromDays(7), cancellationToken); // besides the automatic purge
        // </doc:query>

        var statesPath = path + ".states";

        // <doc:shared-states>
        await using var states = await SqliteSharedStateStore.OpenAsync(statesPath, cancellationToken: cancellationToken);
        await using var owner = new ProcessRuntime(new ProcessRuntimeOptions { SharedStates = new SharedStateOptions { Store = states } });
        // </doc:shared-states>

        _ = owner.SharedStates;
        return nightly.Count * 100 + history.Count * 10 + earlier!.Data.Span[0] + purged;
    }
}
