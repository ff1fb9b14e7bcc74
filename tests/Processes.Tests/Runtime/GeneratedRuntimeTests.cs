using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Processes.Checkpoints;
using Processes.Ports;
using Processes.Tests.QuickStart;
using Xunit;
using static Processes.Tests.Runtime.RuntimeTestKit;

namespace Processes.Tests.Runtime;

/// <summary>The runtime driving generated code end to end: typed, by name, and through checkpoints.</summary>
public sealed class GeneratedRuntimeTests
{
    private static readonly Geometry Water = new([0.0, 0.757, -0.757], "h2o");

    [Fact]
    public async Task A_generated_task_and_process_run_to_their_outputs()
    {
        await using var runtime = NewRuntime();

        var square = await runtime.RunAsync(new Square { X = 12 }).Within();
        var relax = await runtime.RunAsync(new Relax { Start = Water, MaxSteps = 4 }).Within();

        Assert.Equal(144, square.Result);
        Assert.Equal(0.25, relax.Energy);
        Assert.Equal("h2o*", relax.Final?.Label);
        Assert.Equal(4, relax.Step);
    }

    [Fact]
    public async Task Raw_inputs_by_name_are_checked_through_nested_and_dynamic_namespaces_with_every_error_at_its_path()
    {
        await using var runtime = NewRuntime();
        var raw = new Dictionary<string, object?>
        {
            ["max_steps"] = 0,
            ["options"] = new Dictionary<string, object?> { ["tol"] = "tight", ["solver"] = "lbfgs" },
            ["extras"] = new Dictionary<string, object?> { ["charge"] = 1.0, ["spin"] = "up" },
        };

        var error = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync("Processes.Tests.QuickStart.Relax", raw));

        Assert.Equal(
            [
                "inputs.start: required value was not provided",
                "inputs.max_steps: must be at least 1 and at most 1000, but was 0",
                "inputs.options.tol: expected double, got string",
                "inputs.options.solver: unknown port 'solver'",
                "inputs.extras.spin: expected double, got string",
            ],
            error.Errors.Select(e => e.ToString()));
        Assert.Empty(runtime.Processes);
    }

    [Fact]
    public async Task Raw_inputs_get_their_defaults_in_a_copy_and_are_never_changed()
    {
        await using var runtime = NewRuntime();
        var options = new Dictionary<string, object?> { ["mode"] = "fire" };
        var raw = new Dictionary<string, object?> { ["start"] = Water, ["options"] = options };

        var handle = await runtime.LaunchAsync("Processes.Tests.QuickStart.Relax", raw);
        await handle.WaitForTerminationAsync().Within();
        var relax = ((ProcessHandle<Relax>)handle).Process;

        Assert.Equal(50, relax.MaxSteps);
        Assert.Equal(1e-6, relax.Options.Tol);
        Assert.Equal("fire", relax.Options.Mode);
        Assert.Equal(["start", "options"], raw.Keys);
        Assert.Equal(["mode"], options.Keys);
    }

    [Fact]
    public async Task A_generated_process_stopped_and_continued_in_another_runtime_finishes_with_the_same_outputs()
    {
        await using var reference = NewRuntime();
        var uninterrupted = await reference.RunAsync(new Countdown { From = 6 }).Within();

        var store = new InMemoryCheckpointStore();
        var gate = new Gate();
        var script = TestHooks.Register(async (_, process, context) =>
        {
            if (((Countdown)process).Remaining == 3)
            {
                await gate.Pass(context.CancellationToken);
            }
        });
        var first = NewRuntime(store);
        var handle = await first.LaunchAsync(new Countdown { From = 6, Script = script });
        await gate.Entered.Within();
        await first.StopAsync();

        await using var second = NewRuntime(store);
        var continued = await second.ContinueAsync<Countdown>(handle.Id);
        Assert.Equal(3, continued.Process.Remaining);
        gate.Open();
        var result = await continued.WaitAsync().Within();

        Assert.Equal([6, 5, 4, 3, 2, 1], uninterrupted.Counted);
        Assert.Equal(uninterrupted.Counted, result.Counted);
    }

    [Fact]
    public async Task A_computed_default_that_breaks_its_ports_rules_is_refused_before_the_first_launch()
    {
        await using var runtime = NewRuntime();

        var typed = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync(new InvalidDefaultProcess { Count = 5 }));
        var byName = await Assert.ThrowsAsync<PortValidationException>(async () => await runtime.LaunchAsync("Processes.Tests.Runtime.InvalidDefaultProcess", new Dictionary<string, object?>()));

        Assert.Equal("inputs.count: the default is invalid: must be at least 1 and at most 10, but was 42", Assert.Single(typed.Errors).ToString());
        Assert.Equal(typed.Errors, byName.Errors);
        Assert.Empty(runtime.Processes);
    }

    [Fact]
    public void The_json_schema_of_a_generated_process_describes_its_ports()
    {
        using var schema = JsonDocument.Parse(ProcessRegistry.Global.Get("Processes.Tests.QuickStart.Relax").ToJsonSchema());

        var inputs = schema.RootElement.GetProperty("properties").GetProperty("inputs");
        var maxSteps = inputs.GetProperty("properties").GetProperty("max_steps");
        Assert.Equal(50, maxSteps.GetProperty("default").GetInt32());
        Assert.Equal(1, maxSteps.GetProperty("minimum").GetInt32());
        Assert.Equal(1000, maxSteps.GetProperty("maximum").GetInt32());
        Assert.Equal(["start"], inputs.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Convergence tolerance.", inputs.GetProperty("properties").GetProperty("options").GetProperty("properties").GetProperty("tol").GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Object, inputs.GetProperty("properties").GetProperty("extras").GetProperty("additionalProperties").ValueKind);
    }
}
