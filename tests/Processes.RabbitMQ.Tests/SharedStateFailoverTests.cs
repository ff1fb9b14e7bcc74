using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.RabbitMQ.TestWorker;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>
/// The worker serving the shared states is SIGKILLed while clients update: the broker hands the
/// state queue (and the requests the dead worker had not answered) to the standby, which takes
/// the state over once the dead worker's ownership lease lapses. Every update is acknowledged
/// once, none is lost and none applies twice.
/// </summary>
public sealed class SharedStateFailoverTests(SharedBroker broker)
{
    [Fact]
    public async Task The_standby_worker_continues_serving_a_state_whose_server_was_killed_with_every_acknowledged_update_kept()
    {
        await using var deployment = new Deployment(broker);
        await using var serving = await WorkerProcess.StartAsync(deployment, slots: 1, stateLeaseSeconds: 2);
        var token = TestContext.Current.CancellationToken;
        var first = await deployment.ConnectAsync();
        Assert.Equal(1, await first.SharedStates.UpdateAsync("census", BrokerCounter.Operations.Add(1), token)); // served by the worker process
        await deployment.StartWorkerAsync(slots: 1, stateLeaseDuration: TimeSpan.FromSeconds(2)); // the standby consumer
        var clients = new[] { first, await deployment.ConnectAsync() };
        var updaters = clients.SelectMany((client, c) => new[] { client.CreateSharedStateClient($"a{c}"), client.CreateSharedStateClient($"b{c}") }).ToArray();

        var acknowledged = 0;
        var updating = Task.WhenAll(updaters.Select(async states =>
        {
            for (var i = 0; i < 40; i++)
            {
                await states.UpdateAsync<BrokerCounter>("census", counter => counter.Count++, token);
                Interlocked.Increment(ref acknowledged);
            }
        }));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref acknowledged) < 30)
        {
            Assert.True(DateTime.UtcNow < deadline, "no progress before the kill");
            await Task.Delay(10, token);
        }

        await serving.KillAsync();
        var atKill = Volatile.Read(ref acknowledged);
        await updating.WaitAsync(TimeSpan.FromSeconds(90), token);

        var snapshot = await (await deployment.ConnectAsync()).SharedStates.GetAsync<BrokerCounter>("census", token);
        Assert.True(atKill < 160, "the kill came after every update");
        Assert.Equal(1 + 160, snapshot.State.Count);
        Assert.Equal(1 + 160, snapshot.Version);
    }
}
