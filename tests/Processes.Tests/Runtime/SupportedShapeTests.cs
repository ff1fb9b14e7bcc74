using System;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>
/// Issue 11: a process whose ports and state hold <c>DateTimeOffset?</c>, a nullable
/// <c>[ProcessData]</c> record struct, a record and get-only collections survives a checkpoint: a
/// new runtime continues it from the store to the outputs an uninterrupted run gives.
/// </summary>
public sealed class SupportedShapeTests
{
    private static readonly DateTimeOffset At = new(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5.5));

    private static ShapeKeeper Full()
    {
        var basket = new Basket();
        basket.Items.AddRange([3, 1]);
        basket.Names.Add("ann");
        basket.Labels.Add(new Label("first", 1));
        basket.Labels.Add(new Label("second", 2));
        basket.Counts["k"] = 4;
        basket.Seen[1] = At;
        basket.Seen[2] = null;
        return new ShapeKeeper { At = At, Sample = new Reading(1.25, "kg"), Basket = basket };
    }

    private static async Task<ShapeKeeper> StopAtTheWaitAndContinue(ShapeKeeper process)
    {
        var store = new InMemoryCheckpointStore();
        ProcessId id;
        await using (var first = NewRuntime(store))
        {
            var handle = await first.LaunchAsync(process);
            id = handle.Id;
            await Until(() => handle.State == ProcessState.Waiting);
        }

        await using var second = NewRuntime(store);
        var continued = await second.ContinueAsync<ShapeKeeper>(id);
        await second.RaiseEventAsync(id, "go");
        return await continued.WaitAsync().Within();
    }

    [Fact]
    public async Task Values_in_the_new_shapes_survive_a_checkpoint_and_continue()
    {
        var result = await StopAtTheWaitAndContinue(Full());

        Assert.Equal(At.AddHours(1), result.Later);
        Assert.Equal(At.Offset, result.Later!.Value.Offset);
        Assert.Equal(new Reading(2.5, "kg"), result.Doubled);
        Assert.Equal(
            "Label { Name = first, Rank = 1 }|3,1,99;ANN;Label { Name = first, Rank = 2 },Label { Name = second, Rank = 3 };k=40;1=2024-05-06T07:08:09.0000000-05:30,2=",
            result.Kept);

        // The inputs were read back from the checkpoint too, their get-only collections filled in place.
        Assert.Equal([3, 1], result.Basket.Items);
        Assert.Equal(2, result.Basket.Labels.Count);
        Assert.Equal(At, result.At);
        Assert.Equal(new Reading(1.25, "kg"), result.Sample);
    }

    [Fact]
    public async Task Null_values_in_the_new_shapes_survive_a_checkpoint_and_continue()
    {
        var result = await StopAtTheWaitAndContinue(new ShapeKeeper());

        Assert.Null(result.Later);
        Assert.Null(result.Doubled);
        Assert.Null(result.At);
        Assert.Null(result.Sample);
        Assert.Equal("|99;;;;", result.Kept);
    }
}
