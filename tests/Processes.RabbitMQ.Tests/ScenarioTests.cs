using System.Threading.Tasks;
using Processes.ClientScenarios;
using Processes.TestProcesses;
using Xunit;

namespace Processes.RabbitMQ.Tests;

/// <summary>The shared <see cref="ClientScenario"/> through the broker client and a worker, as through every other transport.</summary>
public sealed class ScenarioTests(SharedBroker broker)
{
    [Fact]
    public async Task The_scenario_passes_through_the_broker()
    {
        TestProcessCatalog.Register();
        await using var deployment = new Deployment(broker);
        await deployment.StartWorkerAsync();
        var client = await deployment.ConnectAsync();
        await ClientScenario.RunAllAsync(client, ClientCapabilities.Remote);
    }
}
