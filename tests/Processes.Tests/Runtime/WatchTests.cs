using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>The runtime's watch: one process from its current status, every process, the end when the runtime stops.</summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_watch_of_one_process_starts_with_its_status_and_sees_only_its_changes_in_order()
    {
        await using var runtime = new ProcessRuntime();
        var watched = await runtime.LaunchAsync(new AwaitApproval { Key = Guid.NewGuid().ToString("N") });
        var other = await runtime.LaunchAsync(new AwaitApproval { Key = Guid.NewGuid().ToString("N") });
        await Until(() => watched.State == ProcessState.Waiting && other.State == ProcessState.Waiting);

        using var stop = new CancellationTokenSource(Patience);
        var seen = new List<ProcessStatus>();
        var watching = Task.Run(async () =>
        {
            await foreach (var status in runtime.WatchAsync(watched.Id, stop.Token))
            {
                seen.Add(status);
                if (status.State.IsTerminal())
                {
                    return;
                }
            }
        });

        await Until(() => seen.Count > 0);
        await runtime.RaiseEventAsync(other.Id, "cancel");
        await runtime.RaiseEventAsync(watched.Id, "approval", new Decision { By = "ann", Amount = 1 });
        await watching.WaitAsync(Patience);

        Assert.All(seen, status => Assert.Equal(watched.Id, status.Id));
        Assert.Equal(ProcessState.Waiting, seen[0].State);
        Assert.Equal(ProcessState.Finished, seen[^1].State);
        Assert.Contains(ProcessState.Running, seen.Skip(1).Select(status => status.State));
    }

    [Fact]
    public async Task A_watch_of_a_stored_process_starts_with_its_stored_status()
    {
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store }))
        {
            var handle = await first.LaunchAsync(new AwaitApproval { Key = Guid.NewGuid().ToString("N") });
            await Until(() => handle.State == ProcessState.Waiting);
            id = handle.Id;
        }

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        await using var watch = second.WatchAsync(id).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal((id, ProcessState.Waiting), (watch.Current.Id, watch.Current.State));
    }

    [Fact]
    public async Task A_watch_ends_without_an_error_when_the_runtime_stops_and_cannot_start_after()
    {
        var runtime = new ProcessRuntime();
        var ended = Task.Run(async () =>
        {
            await foreach (var status in runtime.WatchAsync())
            {
            }
        });

        await Task.Delay(100);
        await runtime.StopAsync();
        await ended.WaitAsync(Patience);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await runtime.WatchAsync().GetAsyncEnumerator().MoveNextAsync());
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the condition.");
            await Task.Delay(10);
        }
    }
}
