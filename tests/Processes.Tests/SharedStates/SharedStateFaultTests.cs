using System;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.SharedStates;

/// <summary>A store that fails: the update is not applied, nobody sees it, and the next update starts from the last saved version.</summary>
public sealed class SharedStateFaultTests
{
    private sealed class FlakyStore : ISharedStateStore
    {
        private readonly InMemorySharedStateStore _inner = new();

        public bool Fail { get; set; }

        public ValueTask<SharedStateRecord?> LoadAsync(string stateName, string key, CancellationToken cancellationToken = default) =>
            _inner.LoadAsync(stateName, key, cancellationToken);

        public ValueTask SaveAsync(SharedStateRecord record, CancellationToken cancellationToken = default) =>
            Fail ? throw new System.IO.IOException("disk full") : _inner.SaveAsync(record, cancellationToken);
    }

    [Fact]
    public async Task A_failed_save_applies_nothing_and_wakes_no_watcher()
    {
        var store = new FlakyStore();
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { SharedStates = new SharedStateOptions { Store = store } });
        var watcher = runtime.CreateSharedStateClient("watcher");
        await runtime.SharedStates.UpdateAsync<Tally>("k", tally => tally.Count = 1);

        var waiting = watcher.WaitForChangeAsync<Tally>("k", new() { AfterVersion = 1 }).AsTask();
        store.Fail = true;
        await Assert.ThrowsAsync<System.IO.IOException>(async () => await runtime.SharedStates.UpdateAsync<Tally>("k", tally => tally.Count = 100));
        var afterFailure = await runtime.SharedStates.GetAsync<Tally>("k");
        Assert.Equal(1, afterFailure.State.Count);
        Assert.Equal(1, afterFailure.Version);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        store.Fail = false;
        Assert.Equal(2, await runtime.SharedStates.UpdateAsync<Tally, int>("k", tally => ++tally.Count));
        var change = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, change.Version);
        Assert.Equal(2, change.State.Count);
        Assert.Equal(2, (await store.LoadAsync("Processes.Tests.SharedStates.Tally", "k"))!.Version);
    }
}
