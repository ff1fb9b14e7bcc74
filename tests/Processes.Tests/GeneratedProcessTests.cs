using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Processes.Ports;
using Processes.Serialization;
using Processes.Tests.QuickStart;
using Xunit;

namespace Processes.Tests;

/// <summary>Processes declared in this project get generated code through the analyzer reference.</summary>
public sealed class GeneratedProcessTests
{
    [Fact]
    public void Module_initializer_registers_the_processes_of_this_assembly()
    {
        Assert.True(ProcessRegistry.Global.TryGet("Processes.Tests.QuickStart.Square", out var square));
        Assert.Equal(ProcessKind.Task, square.Kind);
        Assert.True(ProcessRegistry.Global.TryGet("Processes.Tests.QuickStart.Relax", out var relax));
        Assert.Same(GetDescriptor<Relax>(), relax);
    }

    [Fact]
    public void Descriptor_validates_and_round_trips_inputs()
    {
        var descriptor = GetDescriptor<Relax>();
        var relax = new Relax { Start = new Geometry(new[] { 1.0, 2.0 }, "h2"), MaxSteps = 2000, Options = new RelaxOptions { Mode = "newton" } };

        var errors = new PortErrorCollector();
        descriptor.ValidateInputs(relax, errors);
        Assert.Equal(
            new[] { "inputs.max_steps: must be at least 1 and at most 1000, but was 2000", "inputs.options.mode: unknown mode" },
            errors.Errors.Select(error => error.ToString()));

        using var writer = new ProcessWriter();
        descriptor.WriteInputs(relax, writer);
        var reader = new ProcessReader(writer.WrittenSpan);
        var copy = descriptor.ReadInputs(ref reader);
        Assert.True(reader.IsAtEnd);
        Assert.Equal((2000, "newton", "h2"), (copy.MaxSteps, copy.Options.Mode, copy.Start.Label));
        Assert.Equal(new[] { 1.0, 2.0 }, copy.Start.Positions);
    }

    [Fact]
    public void Create_from_inputs_fills_initializer_defaults()
    {
        var relax = (Relax)GetDescriptor<Relax>().CreateFromInputs(new Dictionary<string, object?> { ["start"] = new Geometry([0.0], "a") });
        Assert.Equal((50, 1e-6, "bfgs"), (relax.MaxSteps, relax.Options.Tol, relax.Options.Mode));
    }

    [Fact]
    public async Task Copy_inputs_creates_a_new_instance_with_the_same_input_values_and_nothing_else()
    {
        var extras = new Dictionary<string, double> { ["charge"] = -1 };
        await using var runtime = new ProcessRuntime();
        var relaxed = await runtime.RunAsync(new Relax { Start = new Geometry([1.0, 2.0], "h2"), MaxSteps = 3, Options = new RelaxOptions { Mode = "fire" }, Extras = extras });
        Assert.Equal((3, 1.0 / 3), (relaxed.Step, relaxed.Energy));

        var copy = GetDescriptor<Relax>().CopyInputs(relaxed);

        Assert.NotSame(relaxed, copy);
        Assert.Same(relaxed.Start, copy.Start);
        Assert.Same(relaxed.Options, copy.Options);
        Assert.Same(extras, copy.Extras);
        Assert.Equal(3, copy.MaxSteps);
        Assert.Equal((0, 0.0, null), (copy.Step, copy.Energy, copy.Final));
        Assert.Equal((3, 1.0 / 3), (relaxed.Step, relaxed.Energy));
    }

    private static ProcessDescriptor<T> GetDescriptor<T>()
        where T : class, IProcessDefinition<T> =>
        T.Descriptor;
}
