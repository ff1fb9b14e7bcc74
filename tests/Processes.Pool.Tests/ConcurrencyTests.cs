using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.TestProcesses;
using Xunit;

namespace Processes.Pool.Tests;

/// <summary>[SingleInstance] (join or reject a duplicate key) and [Concurrency] (a limit on running instances of a type) in the pool.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly string _store = PoolKit.NewStore();

    [Fact]
    public async Task Duplicate_launches_of_a_key_join_the_one_that_holds_it_and_get_its_result()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 2);
        var a = Enumerable.Range(0, 5).Select(_ => pool.LaunchAsync(new KeyedSquare { Key = "a", X = 3, DelayMs = 400 }).AsTask()).ToList();
        var b = Enumerable.Range(0, 3).Select(_ => pool.LaunchAsync(new KeyedSquare { Key = "b", X = 4, DelayMs = 400 }).AsTask()).ToList();
        var handlesA = await Task.WhenAll(a).Within();
        var handlesB = await Task.WhenAll(b).Within();
        var run = await pool.RunAsync(new KeyedSquare { Key = "a", X = 3, DelayMs = 400 }).Within();

        Assert.Single(handlesA.Select(handle => handle.Id).Distinct());
        Assert.Single(handlesB.Select(handle => handle.Id).Distinct());
        Assert.NotEqual(handlesA[0].Id, handlesB[0].Id);
        Assert.Equal(9, run.Result);
        foreach (var handle in handlesA)
        {
            Assert.Equal(9, (await handle.WaitAsync().Within()).Result);
        }

        Assert.Equal(16, (await handlesB[0].WaitAsync().Within()).Result);
    }

    [Fact]
    public async Task A_key_is_free_again_once_its_holder_ended()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 1);
        var first = await pool.LaunchAsync(new KeyedSquare { Key = "k", X = 2 }).Within();
        await first.WaitAsync().Within();
        await PoolKit.Until(() => pool.GetStatus().Running == 0);
        var second = await pool.LaunchAsync(new KeyedSquare { Key = "k", X = 5 }).Within();

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(25, (await second.WaitAsync().Within()).Result);
    }

    [Fact]
    public async Task A_rejecting_type_refuses_a_duplicate_key_with_a_typed_error_naming_the_holder()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 2);
        var holder = await pool.LaunchAsync(new ExclusiveCharge { Region = "eu", Account = 7, DelayMs = 500 }).Within();

        var refused = await Assert.ThrowsAsync<DuplicateProcessException>(() => pool.RunAsync(new ExclusiveCharge { Region = "eu", Account = 7 }).AsTask());
        var other = await pool.RunAsync(new ExclusiveCharge { Region = "eu", Account = 8 }).Within();

        Assert.Equal(holder.Id, refused.RunningId);
        Assert.Equal("eu|7", refused.Key);
        Assert.Equal("eu/8", other.Receipt);
        Assert.Equal("eu/7", (await holder.WaitAsync().Within()).Receipt);
    }

    [Fact]
    public async Task A_type_limit_holds_back_its_own_launches_but_not_those_of_other_types()
    {
        await using var pool = await PoolKit.StartAsync(_store, workers: 1, slots: 4);
        var limited = Enumerable.Range(1, 6).Select(x => pool.RunAsync(new LimitedSquare { X = x, DelayMs = 300 }).AsTask()).ToList();
        var others = Enumerable.Range(1, 2).Select(x => pool.RunAsync(new RemoteSquare { X = x, DelayMs = 50 }).AsTask()).ToList();
        var name = TestKitDescriptor.NameOf<LimitedSquare>();
        var most = 0;
        await PoolKit.Until(() =>
        {
            most = Math.Max(most, pool.GetStatus().RunningOfLimitedTypes.GetValueOrDefault(name));
            return limited.All(run => run.IsCompleted);
        });

        Assert.Equal(2, most);
        Assert.Equal(Enumerable.Range(1, 6).Select(x => (long)x * x), (await Task.WhenAll(limited).Within()).Select(square => square.Result));
        Assert.All(others, run => Assert.True(run.IsCompletedSuccessfully));
    }

    public void Dispose() => PoolKit.DeleteStore(_store);
}

internal static class TestKitDescriptor
{
    public static string NameOf<T>()
        where T : class, IProcessDefinition<T> => T.Descriptor.Name;
}
