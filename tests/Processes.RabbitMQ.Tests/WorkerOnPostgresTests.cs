using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.PostgreSQL;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// A worker OS process with both packages (RabbitMQ transport, PostgreSQL store), killed with
/// SIGKILL mid-run; a worker on the same database finishes its processes. CI runs it against the
/// Native AOT publish of the worker too (<c>PROCESSES_RABBITMQ_TEST_WORKER_BINARY</c>).
/// </summary>
public sealed class WorkerOnPostgresTests(SharedBroker broker, BrokerPostgres postgres) : IClassFixture<BrokerPostgres>
{
    [Fact]
    public async Task A_killed_worker_on_PostgreSQL_has_its_processes_finished_by_another_with_no_completed_child_rerun()
    {
        var schema = "worker_" + Guid.NewGuid().ToString("N")[..12];
        var stores = new List<PostgresCheckpointStore>();
        var deployment = new Deployment(broker)
        {
            StoreFactory = async () =>
            {
                var store = await PostgresCheckpointStore.OpenAsync(postgres.ConnectionString(), new PostgresCheckpointStoreOptions { Schema = schema });
                stores.Add(store);
                return store;
            },
        };
        try
        {
            await using var doomed = await WorkerProcess.StartAsync(deployment, slots: 4, postgres: (postgres.ConnectionString(), schema));
            var client = await deployment.ConnectAsync();
            var ids = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.SubmitAsync(
                new BrokerSum { Count = 6, ChildDelayMs = 150, LedgerPath = deployment.LedgerPath, Tag = "p" + i },
                cancellationToken: TestContext.Current.CancellationToken).AsTask()));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Enumerable.Range(0, 3).Any(i => LedgerChecks.Count(deployment.LedgerLines(), "p" + i, "collect") < 2))
            {
                Assert.True(DateTime.UtcNow < deadline, "the worker made no progress");
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            await doomed.KillAsync();
            var survivor = await deployment.StartWorkerAsync(slots: 4);
            var results = await Task.WhenAll(ids.Select(id => client.GetHandle<BrokerSum>(id).WaitAsync(TestContext.Current.CancellationToken).AsTask()))
                .WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

            Assert.All(results, result => Assert.Equal(BrokerSum.Expected(6), result.Total));
            Assert.Equal(3, survivor.ProcessesTakenOver);
            Assert.Empty(LedgerChecks.CompletedChildrenRerun(deployment.LedgerLines()));
        }
        finally
        {
            await deployment.DisposeAsync();
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
