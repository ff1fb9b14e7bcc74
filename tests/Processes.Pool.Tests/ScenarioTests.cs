using System;
using System.Threading.Tasks;
using Processes.ClientScenarios;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>The shared <see cref="ClientScenario"/> through a pool of two workers, as through every other transport.</summary>
public sealed class ScenarioTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task The_scenario_passes_through_a_pool()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 2, slots: 4);
        await ClientScenario.RunAllAsync(pool, ClientCapabilities.Remote);
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}
