using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;

namespace Processes.PostgreSQL.Tests.Documentation;

/// <summary>
/// The C# of docs/concepts/postgresql-store.md: each region between <c>doc:</c> markers appears in
/// the page word for word (<see cref="PostgresStoreDocumentationTests"/> checks it), so the page's
/// code compiles and runs.
/// </summary>
internal static class PostgresStoreDocumentationExample
{
    public static async Task<int> RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        // <doc:open>
        // connectionString: e.g. "Host=db.internal;Database=app;Username=app;Password=…" from configuration
        await using var store = await PostgresCheckpointStore.OpenAsync(connectionString, new PostgresCheckpointStoreOptions
        {
            Schema = "processes",                      // created when missing
            TablePrefix = "billing_",                  // several applications can share one schema
            HistoryLength = 10,                        // the latest and the 9 before it, per process
            FinishedRetention = TimeSpan.FromDays(30), // purge finished, excepted and killed processes after 30 days
        }, cancellationToken);
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        // </doc:open>

        var id = ProcessId.New();
        var info = new CheckpointInfo(id, "Samples.Relax", ProcessState.Waiting, false, new[] { "nightly" }, DateTimeOffset.Now);

        // <doc:fencing>
        var lease = await store.AcquireLeaseAsync(id, "worker-1", TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        await store.SaveAsync(new Checkpoint(info, new byte[] { 1 }) { FencingToken = lease.FencingToken }, cancellationToken);
        try
        {
            // A stalled worker whose lease was taken over saves with its old token: the database refuses it.
            await store.SaveAsync(new Checkpoint(info, new byte[] { 2 }) { FencingToken = lease.FencingToken - 1 }, cancellationToken);
        }
        catch (LeaseLostException refused)
        {
            Console.WriteLine($"refused: {refused.CurrentOwner} holds the lease");
        }
        // </doc:fencing>

        // <doc:query>
        var nightly = await store.ListAsync(CheckpointQuery.ForTag("nightly"), cancellationToken);
        var waiting = await store.ListAsync(new CheckpointQuery { State = ProcessState.Waiting, Limit = 100 }, cancellationToken);
        var history = await store.ListHistoryAsync(id, cancellationToken);          // newest first
        var purged = await store.PurgeAsync(TimeSpan.FromDays(7), cancellationToken); // besides the automatic purge
        // </doc:query>

        // <doc:errors>
        try
        {
            await store.SaveAsync(new Checkpoint(info, new byte[] { 3 }), cancellationToken);
        }
        catch (PostgresCheckpointStoreException error) when (error.IsTransient)
        {
            // The server is unreachable or restarting (after the store's own retries): try again later.
            Console.WriteLine($"{error.Endpoint} unavailable: {error.Message}");
        }
        // </doc:errors>

        return nightly.Count * 1000 + waiting.Count * 100 + history.Count * 10 + purged;
    }

    public static async Task<int> RunSharedStatesAsync(string connectionString, CancellationToken cancellationToken)
    {
        // <doc:shared-states>
        await using var states = await PostgresSharedStateStore.OpenAsync(connectionString, new PostgresSharedStateStoreOptions
        {
            Schema = "processes",      // may be the checkpoint store's: the tables sit side by side
            TablePrefix = "billing_",
            HistoryLength = 10,        // the latest version of each state and the 9 before it
        }, cancellationToken);
        await using var owner = new ProcessRuntime(new ProcessRuntimeOptions
        {
            OwnerId = "worker-1",      // a name of its own: the runtime owns the states it uses
            SharedStates = new SharedStateOptions { Store = states },
        });

        // What a runtime does through the store, by hand: a lease, then saves fenced by version and token.
        var lease = await states.AcquireOwnershipAsync("billing.totals", "2026", "worker-2", TimeSpan.FromSeconds(30), cancellationToken);
        await states.SaveAsync(new SharedStateRecord("billing.totals", "2026", 1, new byte[] { 1 }, "worker-2", DateTimeOffset.UtcNow) { FencingToken = lease!.FencingToken }, cancellationToken);
        try
        {
            // A stalled owner whose lease was taken over saves with its old token: the database refuses it.
            await states.SaveAsync(new SharedStateRecord("billing.totals", "2026", 2, new byte[] { 2 }, "worker-2", DateTimeOffset.UtcNow) { FencingToken = lease.FencingToken - 1 }, cancellationToken);
        }
        catch (SharedStateOwnedException refused)
        {
            Console.WriteLine($"refused: {refused.Owner} holds the lease");
        }

        var first = await states.LoadVersionAsync("billing.totals", "2026", 1, cancellationToken);   // any kept version, the latest included
        // </doc:shared-states>

        return (int)(await states.LoadAsync("billing.totals", "2026", cancellationToken))!.Version * 10 + first!.Data.Span[0];
    }
}
