using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Ports;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>A process exposing a child's inputs and outputs, run end to end by the runtime.</summary>
public sealed class ExposeRuntimeTests
{
    [Fact]
    public async Task A_parent_launches_its_child_with_the_exposed_inputs_and_re_exports_its_outputs()
    {
        await using var runtime = NewRuntime();

        var pipeline = await runtime.RunAsync(new ScalePipeline { ScaleInputs = new() { X = 4 }, Unit = "kg" }).Within();

        Assert.Equal(12, pipeline.Result);
        Assert.Equal("12 kg", pipeline.Label);
        Assert.Equal(3, pipeline.ScaleInputs.Factor);
    }

    [Fact]
    public async Task Invalid_exposed_inputs_are_reported_at_their_paths_and_nothing_is_launched()
    {
        await using var runtime = NewRuntime();

        var typed = await Assert.ThrowsAsync<PortValidationException>(async () =>
            await runtime.RunAsync(new ScalePipeline { ScaleInputs = new() { X = 101, Factor = 0 } }));
        Assert.Equal(
            ["inputs.scale.x: must be at least 0 and at most 100, but was 101", "inputs.scale.factor: must be at least 1 and at most 10, but was 0"],
            typed.Errors.Select(error => error.ToString()));

        var raw = new Dictionary<string, object?> { ["scale"] = new Dictionary<string, object?> { ["factor"] = 2, ["unit"] = "s" } };
        var byName = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync("Processes.Tests.Runtime.ScalePipeline", raw));
        Assert.Equal(["inputs.scale.x: required value was not provided", "inputs.scale.unit: unknown port 'unit'"], byName.Errors.Select(error => error.ToString()));
        Assert.Empty(runtime.Processes);
    }

    [Fact]
    public async Task Launched_by_name_the_exposed_namespace_gets_the_childs_defaults()
    {
        await using var runtime = NewRuntime();
        var raw = new Dictionary<string, object?> { ["scale"] = new Dictionary<string, object?> { ["x"] = 5 } };

        var handle = await runtime.LaunchAsync("Processes.Tests.Runtime.ScalePipeline", raw);
        await handle.WaitForTerminationAsync().Within();
        var pipeline = ((ProcessHandle<ScalePipeline>)handle).Process;

        Assert.Equal(3, pipeline.ScaleInputs.Factor);
        Assert.Equal(15, pipeline.Result);
        Assert.Equal("15 m", pipeline.Label);
    }

    [Fact]
    public async Task Stopped_while_its_child_ran_and_continued_in_another_runtime_it_finishes_with_the_same_outputs()
    {
        var store = new InMemoryCheckpointStore();
        var gate = new Gate();
        var script = TestHooks.Register(async (_, _, context) => await gate.Pass(context.CancellationToken));
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new ScalePipeline { ScaleInputs = new() { X = 7, Factor = 2 }, Unit = "s", Script = script });
        await gate.Entered.Within();
        await first.StopAsync();

        await using var second = NewRuntime(store);
        var continued = await second.ContinueAsync<ScalePipeline>(handle.Id);
        Assert.Equal(new ScalePipeline.ScaleExposedInputs { X = 7, Factor = 2 }, continued.Process.ScaleInputs);
        gate.Open();
        var result = await continued.WaitAsync().Within();

        Assert.Equal(14, result.Result);
        Assert.Equal("14 s", result.Label);
    }
}
