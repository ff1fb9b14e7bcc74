using System.Threading.Tasks;
using Processes.ClientScenarios;
using Xunit;

namespace Processes.Remote.Tests;

/// <summary>The shared <see cref="ClientScenario"/> behaves the same against the in-process runtime and a remote worker.</summary>
public sealed class SameCallsTests(SharedWorker shared)
{
    [Fact]
    public async Task The_scenario_passes_in_process()
    {
        await using var runtime = new ProcessRuntime();
        await ClientScenario.RunAllAsync(runtime, ClientCapabilities.InProcess);
    }

    [Fact]
    public async Task The_scenario_passes_against_a_remote_worker()
    {
        await using var client = await shared.Worker.ConnectAsync().Within();
        await ClientScenario.RunAllAsync(client, ClientCapabilities.Remote);
    }
}
