using System;
using System.Threading.Tasks;
using Xunit;

namespace Processes.Tests.Runtime;

/// <summary>The runtime launch guard: a child that repeats an ancestor (same type, same inputs), or nests deeper than the limit, is refused with a typed error naming the chain.</summary>
public sealed class LaunchGuardTests
{
    [Fact]
    public async Task A_launch_that_comes_back_to_an_ancestor_with_the_same_inputs_fails_naming_the_chain()
    {
        await using var runtime = new ProcessRuntime();
        var root = await runtime.LaunchAsync(new PongCycle { Round = 1 });

        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(() => root.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)));

        // The refusal happens in the ping's step; the pong waiting for it fails with it as the cause.
        Assert.Equal(ProcessState.Excepted, (await runtime.GetStatusAsync(root.Id)).State);
        var cycle = FindCycle(failure);
        Assert.Equal(3, cycle.Chain.Count);
        Assert.StartsWith("Processes.Tests.Runtime.PongCycle(" + root.Id, cycle.Chain[0], StringComparison.Ordinal);
        Assert.Contains("PingCycle(", cycle.Chain[1], StringComparison.Ordinal);
        Assert.Equal("Processes.Tests.Runtime.PongCycle(refused)", cycle.Chain[2]);
    }

    [Fact]
    public async Task The_same_type_with_other_inputs_is_no_cycle_and_runs()
    {
        await using var runtime = new ProcessRuntime();
        Assert.Equal(4, (await runtime.RunAsync(new Descend { Level = 1, Bottom = 4 })).Reached);
    }

    [Fact]
    public async Task A_launch_deeper_than_the_limit_fails_naming_the_chain()
    {
        await using var runtime = new ProcessRuntime(new ProcessRuntimeOptions { MaxLaunchDepth = 3 });
        Assert.Equal(3, (await runtime.RunAsync(new Descend { Level = 1, Bottom = 3 })).Reached);

        var failure = await Assert.ThrowsAsync<ProcessExceptedException>(() => runtime.RunAsync(new Descend { Level = 1, Bottom = 10 }).AsTask().WaitAsync(TimeSpan.FromSeconds(20)));

        var tooDeep = Find<LaunchDepthExceededException>(failure);
        Assert.Equal(3, tooDeep.MaxDepth);
        Assert.Equal(4, tooDeep.Chain.Count);
        Assert.Equal("Processes.Tests.Runtime.Descend(refused)", tooDeep.Chain[3]);
    }

    [Fact]
    public void A_depth_limit_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessRuntime(new ProcessRuntimeOptions { MaxLaunchDepth = 0 }));
    }

    private static LaunchCycleException FindCycle(Exception failure) => Find<LaunchCycleException>(failure);

    /// <summary>The guard's exception in the failure's cause chain.</summary>
    private static T Find<T>(Exception failure)
        where T : Exception
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} in the cause chain of: {failure}");
    }
}
