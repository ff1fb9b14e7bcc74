using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Processes.Runtime;
using Xunit;

namespace Processes.Tests.Runtime;

public sealed class AsyncExclusiveLockTests
{
    [Fact]
    public async Task Only_one_holder_at_a_time_under_contention_and_every_waiter_gets_in()
    {
        var gate = new AsyncExclusiveLock();
        var inside = 0;
        var maxInside = 0;
        var entries = 0;

        async Task Worker(int turns)
        {
            for (var i = 0; i < turns; i++)
            {
                await gate.EnterAsync();
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                if (i % 7 == 0)
                {
                    await Task.Yield(); // hold it across an asynchronous wait sometimes
                }

                Interlocked.Increment(ref entries);
                Interlocked.Decrement(ref inside);
                gate.Exit();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Worker(2_000)))).WaitAsync(RuntimeTestKit.Timeout);

        Assert.Equal(1, maxInside);
        Assert.Equal(16_000, entries);
        var free = gate.EnterAsync();
        Assert.True(free.IsCompletedSuccessfully); // left free
        gate.Exit();
    }

    [Fact]
    public async Task A_waiter_continues_when_the_holder_exits()
    {
        var gate = new AsyncExclusiveLock();
        await gate.EnterAsync();
        var waiting = gate.EnterAsync().AsTask();
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);
        gate.Exit();
        await waiting.WaitAsync(RuntimeTestKit.Timeout);
        gate.Exit();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
