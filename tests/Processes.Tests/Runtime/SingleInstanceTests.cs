using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>[SingleInstance] in one runtime: duplicates join or are refused while the holder lives; the key frees when it ends.</summary>
public sealed class SingleInstanceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Duplicate_runs_and_launches_join_the_live_instance_and_it_runs_once()
    {
        await using var runtime = new ProcessRuntime();
        var key = Guid.NewGuid().ToString("N");
        var before = JoinedSquare.Runs;
        var first = await runtime.LaunchAsync(new JoinedSquare { Key = key, X = 3, DelayMs = 300 });
        var again = await runtime.LaunchAsync(new JoinedSquare { Key = key, X = 7 });
        var runs = Enumerable.Range(0, 5).Select(_ => runtime.RunAsync(new JoinedSquare { Key = key, X = 9 }).AsTask()).ToArray();

        Assert.Equal(first.Id, again.Id);
        var results = await Task.WhenAll(runs).WaitAsync(Patience);
        Assert.All(results, square => Assert.Equal(9, square.Result));
        Assert.Equal(1, JoinedSquare.Runs - before);

        // Another key runs on its own; once the holder ended, the key is free again.
        Assert.Equal(16, (await runtime.RunAsync(new JoinedSquare { Key = key + "-other", X = 4 })).Result);
        Assert.Equal(25, (await runtime.RunAsync(new JoinedSquare { Key = key, X = 5 })).Result);
    }

    [Fact]
    public async Task A_duplicate_of_a_rejecting_type_is_refused_with_the_key_and_the_holder()
    {
        await using var runtime = new ProcessRuntime();
        var holder = await runtime.LaunchAsync(new RefusedCharge { Region = "eu", Account = 7, DelayMs = 300 });

        var refused = await Assert.ThrowsAsync<DuplicateProcessException>(async () => await runtime.RunAsync(new RefusedCharge { Region = "eu", Account = 7 }));
        Assert.Equal((holder.Id, "RefusedCharge"), (refused.RunningId, refused.ProcessName.Split('.')[^1]));
        Assert.Contains("eu", refused.Key, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DuplicateProcessException>(async () => await runtime.LaunchAsync(new RefusedCharge { Region = "eu", Account = 7 }));

        Assert.Equal("us/7", (await runtime.RunAsync(new RefusedCharge { Region = "us", Account = 7 })).Receipt);
        Assert.Equal("eu/7", (await holder.WaitAsync().AsTask().WaitAsync(Patience)).Receipt);
        Assert.Equal("eu/7", (await runtime.RunAsync(new RefusedCharge { Region = "eu", Account = 7 })).Receipt);
    }

    [Fact]
    public async Task Cancelling_a_joined_run_stops_waiting_without_killing_the_instance()
    {
        await using var runtime = new ProcessRuntime();
        var key = Guid.NewGuid().ToString("N");
        var holder = await runtime.LaunchAsync(new JoinedSquare { Key = key, X = 6, DelayMs = 300 });
        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await runtime.RunAsync(new JoinedSquare { Key = key, X = 6 }, cancel.Token));
        Assert.Equal(36, (await holder.WaitAsync().AsTask().WaitAsync(Patience)).Result);
    }

    [Fact]
    public async Task A_stopped_instance_frees_its_key_for_another_runtime()
    {
        var store = new Processes.Checkpoints.InMemoryCheckpointStore();
        var key = Guid.NewGuid().ToString("N");
        var first = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        await first.LaunchAsync(new RefusedCharge { Region = key, Account = 1, DelayMs = 60_000 });
        await first.StopAsync();

        await using var second = new ProcessRuntime(new ProcessRuntimeOptions { Store = store });
        Assert.Equal(key + "/1", (await second.RunAsync(new RefusedCharge { Region = key, Account = 1 })).Receipt);
    }
}
