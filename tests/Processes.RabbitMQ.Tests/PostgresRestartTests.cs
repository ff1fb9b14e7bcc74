using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.PostgreSQL;
using Processes.PostgreSQL.Tests;
using Processes.RabbitMQ.TestWorker;
using Processes.Remote;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// The workers' PostgreSQL server restarts while they run processes from the broker: store calls
/// fail and recover, processes detach and their messages go back, and every process finishes.
/// </summary>
public sealed class PostgresRestartTests(SharedBroker broker, BrokerPostgres postgres) : IClassFixture<BrokerPostgres>
{
    private const int Processes = 4;
    private const int Children = 6;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_PostgreSQL_restart_mid_run_every_process_finishes_with_no_completed_child_rerun_and_calls_meanwhile_fail_typed(bool childrenOnAnyWorker)
    {
        var schema = "broker_" + Guid.NewGuid().ToString("N")[..12];
        var stores = new List<PostgresCheckpointStore>();
        var deployment = new Deployment(broker)
        {
            StoreFactory = async () =>
            {
                var store = await PostgresCheckpointStore.OpenAsync(postgres.ConnectionString(), new PostgresCheckpointStoreOptions { Schema = schema, TransientRetries = 1, TransientRetryDelay = TimeSpan.FromMilliseconds(50) });
                stores.Add(store);
                return store;
            },
        };
        var stopped = false;
        try
        {
            // Short leases: a lease a detached process could not give back (the server was down) lapses soon.
            await deployment.StartWorkerAsync(slots: 2, leaseDuration: TimeSpan.FromSeconds(3), childrenOnAnyWorker: childrenOnAnyWorker);
            await deployment.StartWorkerAsync(slots: 2, leaseDuration: TimeSpan.FromSeconds(3), childrenOnAnyWorker: childrenOnAnyWorker);
            var client = await deployment.ConnectAsync();
            var ids = await Task.WhenAll(Enumerable.Range(0, Processes).Select(i => client.SubmitAsync(
                new BrokerSum { Count = Children, ChildDelayMs = 100, LedgerPath = deployment.LedgerPath, Tag = "p" + i },
                cancellationToken: TestContext.Current.CancellationToken).AsTask()));
            await WaitForCollectsAsync(deployment, 2);

            await postgres.StopAsync();
            stopped = true;
            // A call that needs the store cannot be completed: it fails with the store's typed error.
            var refused = await Assert.ThrowsAsync<RemoteProcessException>(async () => await client.GetStatusAsync(ProcessId.New(), TestContext.Current.CancellationToken));
            Assert.Equal(typeof(PostgresCheckpointStoreException).FullName, refused.RemoteError?.TypeName);
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            await postgres.StartAsync();
            stopped = false;

            var results = await Task.WhenAll(ids.Select(id => client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken).AsTask()))
                .WaitAsync(TimeSpan.FromSeconds(180), TestContext.Current.CancellationToken);

            Assert.All(results, result => Assert.Equal(BrokerSum.Expected(Children), result.Total));
            var lines = deployment.LedgerLines();
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", lines));
            Assert.Empty(LedgerChecks.CompletedChildrenRerun(lines));
            // Every child's square was collected (a collect step cut off before its checkpoint may run twice).
            Assert.All(Enumerable.Range(0, Processes), i => Assert.Equal(
                Enumerable.Range(1, Children).Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                lines.Where(line => line.StartsWith("p" + i + " collect ", StringComparison.Ordinal)).Select(line => line.Split(' ')[2]).Distinct().OrderBy(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture))));
            await Assert.ThrowsAsync<CheckpointNotFoundException>(async () => await client.GetStatusAsync(ProcessId.New(), TestContext.Current.CancellationToken));
        }
        finally
        {
            if (stopped)
            {
                await postgres.StartAsync();
            }

            await deployment.DisposeAsync();
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    private static async Task WaitForCollectsAsync(Deployment deployment, int collects)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Enumerable.Range(0, Processes).Any(i => LedgerChecks.Count(deployment.LedgerLines(), "p" + i, "collect") < collects))
        {
            Assert.True(DateTime.UtcNow < deadline, "the workers made no progress");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
