using System;
using System.Threading.Tasks;
using Processes.ClientScenarios;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>The shared <see cref="ClientScenario"/> through a pool, as through every other transport; one test per part, each on its own pool.</summary>
public sealed class ScenarioTests : IDisposable
{
    private const int PartTimeout = 120_000;
    private readonly string _store = PoolKit.NewStore();

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

    public void Dispose() => PoolKit.DeleteStore(_store);

    private async Task RunPartAsync(Func<IProcessClient, ClientCapabilities, Task> part)
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 4);
        try
        {
            await part(pool, ClientCapabilities.Pool);
        }
        catch
        {
            // A failed part can leave a hanging task behind; the Join policy of DisposeAsync would
            // wait for it forever and hide the assertion behind the test's time limit.
            await pool.CloseAsync(PoolClosePolicy.Kill).WaitAsync(PoolKit.Timeout);
            throw;
        }
    }
}
