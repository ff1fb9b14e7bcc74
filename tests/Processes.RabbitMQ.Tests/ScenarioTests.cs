using System;
using System.Threading.Tasks;
using Processes.ClientScenarios;
using Processes.TestProcesses;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>The shared <see cref="ClientScenario"/> through the broker client and a worker, as through every other transport; one test per part, each on its own deployment.</summary>
public sealed class ScenarioTests(SharedBroker broker)
{
    private const int PartTimeout = 120_000;

    [Fact(Timeout = PartTimeout)]
    public Task Run_and_failures() => RunPartAsync(ClientScenario.RunAndFailuresAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Control() => RunPartAsync(ClientScenario.ControlAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Cancelling_a_run() => RunPartAsync(ClientScenario.CancelRunAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Continue() => RunPartAsync(ClientScenario.ContinueAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Submit() => RunPartAsync(ClientScenario.SubmitAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Events() => RunPartAsync(ClientScenario.EventsAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Events_with_JSON_payloads() => RunPartAsync(ClientScenario.JsonEventsAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Retry() => RunPartAsync(ClientScenario.RetryAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Map() => RunPartAsync(ClientScenario.MapAsync);

    [Fact(Timeout = PartTimeout)]
    public Task Watch() => RunPartAsync(ClientScenario.WatchAsync);

    private async Task RunPartAsync(Func<IProcessClient, ClientCapabilities, Task> part)
    {
        // The workers run in this test process: the scenario's types must be in its registry.
        TestProcessCatalog.Register();
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();
        await part(client, ClientCapabilities.Broker);
    }
}
