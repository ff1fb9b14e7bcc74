using System;
using System.Collections.Generic;
using System.Linq;
using Processes.Ports;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>Compiles user code with the generator, loads it and exercises the generated descriptors and serializers.</summary>
public sealed class RuntimeTests
{
    private static readonly Lazy<Loaded> Relax = new(() => new Loaded(GeneratorHarness.CompileAndLoad("Runtime.Relax", TestSources.Relax, TestSources.Square)));
    private static readonly Lazy<Loaded> Data = new(() => new Loaded(GeneratorHarness.CompileAndLoad("Runtime.Data", TestSources.DataTypes)));

    private static ProcessDescriptor RelaxDescriptor => Relax.Value.Descriptor("QuickStart.Relax");

    private static object NewGeometry(double[] positions, string label) =>
        Activator.CreateInstance(Relax.Value.Type("QuickStart.Geometry"), positions, label)!;

    private static Dictionary<string, object?> ValidInputs() => new()
    {
        ["start"] = NewGeometry(new[] { 1.0, 2.5 }, "water"),
        ["max_steps"] = 7,
        ["options"] = new Dictionary<string, object?> { ["tol"] = 0.01, ["mode"] = "fire" },
        ["extras"] = new Dictionary<string, object?> { ["a"] = 1.5, ["b"] = 2.0 },
        ["tag_list"] = new List<string> { "x", "y" },
    };

    [Fact]
    public void Descriptor_has_name_kind_and_debug_verification()
    {
        Assert.Equal("QuickStart.Relax", RelaxDescriptor.Name);
        Assert.Equal(ProcessKind.Process, RelaxDescriptor.Kind);
        Assert.True(RelaxDescriptor.VerifyCheckpointsOnSave);
        Assert.Equal(ProcessKind.Task, Relax.Value.Descriptor("QuickStart.Square").Kind);
    }

    [Fact]
    public void Validation_collects_every_error_with_its_path_and_message()
    {
        var process = Relax.Value.Create("QuickStart.Relax", new Dictionary<string, object?>
        {
            ["max_steps"] = 0,
            ["options"] = new Dictionary<string, object?> { ["tol"] = 2.0, ["mode"] = "newton" },
            ["extras"] = new Dictionary<string, object?> { ["a"] = -1.0, ["b"] = 3.0 },
            ["tag_list"] = new List<string>(),
        });

        var errors = Loaded.ValidateInputs(RelaxDescriptor, process).Select(error => error.ToString()).ToArray();

        Assert.Equal(
            new[]
            {
                "inputs.start: required value was not provided",
                "inputs.max_steps: must be at least 1 and at most 1000, but was 0",
                "inputs.options.tol: must be at least 1E-12 and at most 1, but was 2",
                "inputs.options.mode: unknown mode",
                "inputs.extras.a: must be at least 0 and at most 10, but was -1",
                "inputs.tag_list: length must be at least 1, but was 0",
            },
            errors);
    }

    [Fact]
    public void Namespace_and_process_validators_run_only_when_their_ports_are_valid()
    {
        var inputs = ValidInputs();
        inputs["options"] = new Dictionary<string, object?> { ["tol"] = 1e-6, ["mode"] = "fire" };
        inputs["max_steps"] = 13;
        var process = Relax.Value.Create("QuickStart.Relax", inputs);

        var errors = Loaded.ValidateInputs(RelaxDescriptor, process).Select(error => error.ToString()).ToArray();
        Assert.Equal(new[] { "inputs.options: fire needs a tolerance of at least 1e-3" }, errors);

        inputs["options"] = new Dictionary<string, object?> { ["tol"] = 0.01, ["mode"] = "fire" };
        var unlucky = Relax.Value.Create("QuickStart.Relax", inputs);
        Assert.Equal(new[] { "inputs: 13 steps are unlucky" }, Loaded.ValidateInputs(RelaxDescriptor, unlucky).Select(error => error.ToString()).ToArray());

        inputs["max_steps"] = 7;
        Assert.Empty(Loaded.ValidateInputs(RelaxDescriptor, Relax.Value.Create("QuickStart.Relax", inputs)));
    }

    [Fact]
    public void Absent_optional_namespace_and_dynamic_ports_are_valid()
    {
        var inputs = ValidInputs();
        inputs.Remove("extras");
        inputs.Remove("tag_list");
        var process = Relax.Value.Create("QuickStart.Relax", inputs);
        Assert.Empty(Loaded.ValidateInputs(RelaxDescriptor, process));
        Assert.Null(Loaded.Get<object?>(process, "Extras"));
    }

    [Fact]
    public void Output_validation_reports_missing_required_outputs_only()
    {
        var process = Relax.Value.Create("QuickStart.Relax", ValidInputs());
        Assert.Empty(Loaded.ValidateOutputs(RelaxDescriptor, process));
        Loaded.Set(process, "Summary", null);
        Assert.Equal(new[] { "outputs.summary: required value was not provided" }, Loaded.ValidateOutputs(RelaxDescriptor, process).Select(error => error.ToString()));
    }

    [Fact]
    public void Spec_describes_ports_defaults_help_and_constraints()
    {
        var inputs = RelaxDescriptor.Inputs;
        Assert.Equal(new[] { "start", "max_steps", "options", "extras", "tag_list" }, inputs.Ports.Select(port => port.Name));

        Assert.True(inputs.TryGetPort("start", out var start));
        Assert.True(start.Required);
        Assert.Equal("The starting geometry.", start.Help);

        Assert.True(inputs.TryGetPort("max_steps", out var maxSteps));
        Assert.False(maxSteps.Required);
        Assert.Equal("The most steps to take.", maxSteps.Help);
        Assert.Equal(50, maxSteps.DefaultFactory!());
        Assert.Equal("50", maxSteps.DefaultJson);
        var schema = ((ValuePort)maxSteps).Schema;
        Assert.Equal(("integer", 1.0, 1000.0), (schema.JsonType, schema.Minimum!.Value, schema.Maximum!.Value));

        // The untyped path runs the same generated checks.
        var errors = new PortErrorCollector();
        ((ValuePort)maxSteps).Validate(0, "inputs.max_steps", errors);
        Assert.Equal("inputs.max_steps: must be at least 1 and at most 1000, but was 0", Assert.Single(errors.Errors).ToString());

        Assert.True(inputs.TryGetPort("options", out var optionsPort));
        var options = Assert.IsType<PortNamespace>(optionsPort);
        Assert.False(options.Required);
        Assert.Equal(1e-6, Loaded.Get<double>(options.DefaultFactory!()!, "Tol"));
        Assert.True(options.TryGetPort("tol", out var tol));
        Assert.Equal("Convergence tolerance.", tol.Help);
        Assert.Equal(1e-6, tol.DefaultFactory!());
        Assert.Equal("1E-06", tol.DefaultJson);
        Assert.Single(options.Validators);
        var bound = options.Bind!(new Dictionary<string, object?> { ["mode"] = "fire" });
        Assert.Equal(("fire", 1e-6), (Loaded.Get<string>(bound, "Mode"), Loaded.Get<double>(bound, "Tol")));
        Assert.Equal("fire", options.Unbind!(bound)!["mode"]);

        Assert.True(inputs.TryGetPort("extras", out var extrasPort));
        var extras = Assert.IsType<PortNamespace>(extrasPort);
        Assert.True(extras.IsDynamic);
        Assert.False(extras.Required);
        Assert.True(extras.DynamicValue!.IsOfType(1.5));
        Assert.False(extras.DynamicValue.IsOfType("text"));
        var leafErrors = new PortErrorCollector();
        extras.DynamicValue.Validate(11.0, "inputs.extras.k", leafErrors);
        Assert.Equal("inputs.extras.k: must be at least 0 and at most 10, but was 11", Assert.Single(leafErrors.Errors).ToString());

        var outputs = RelaxDescriptor.Outputs;
        Assert.True(outputs.TryGetPort("energy", out var energy) && energy.Required);
        Assert.True(outputs.TryGetPort("final", out var final) && !final.Required);
    }

    [Fact]
    public void Create_from_inputs_keeps_initializer_defaults_for_absent_ports()
    {
        var process = Relax.Value.Create("QuickStart.Relax", new Dictionary<string, object?> { ["start"] = NewGeometry(new[] { 1.0 }, "a") });
        Assert.Equal(50, Loaded.Get<int>(process, "MaxSteps"));
        var options = Loaded.Get<object>(process, "Options");
        Assert.Equal((1e-6, "bfgs"), (Loaded.Get<double>(options, "Tol"), Loaded.Get<string>(options, "Mode")));
        Assert.Equal(new[] { "start", "max_steps", "options", "extras", "tag_list" }, Loaded.Values(RelaxDescriptor, process, "inputs").Keys);
        Assert.Equal(new[] { "energy", "summary" }, Loaded.Values(RelaxDescriptor, process, "outputs").Keys);
    }

    [Fact]
    public void Inputs_outputs_and_state_round_trip()
    {
        var process = Relax.Value.Create("QuickStart.Relax", ValidInputs());
        Loaded.Set(process, "Energy", -3.25);
        Loaded.Set(process, "Final", NewGeometry(new[] { 9.0 }, "done"));
        Loaded.Set(process, "_step", 4);
        Loaded.Set(process, "_energies", new List<double> { 1, 0.5 });
        Loaded.Set(process, "_cache", new object());

        var inputs = Loaded.Write(RelaxDescriptor, process, "inputs");
        var outputs = Loaded.Write(RelaxDescriptor, process, "outputs");
        var state = Loaded.Write(RelaxDescriptor, process, "state");

        var copy = Loaded.ReadInputs(RelaxDescriptor, process.GetType(), inputs);
        Loaded.Read(RelaxDescriptor, copy, "outputs", outputs);
        Loaded.Read(RelaxDescriptor, copy, "state", state);

        Assert.Equal(inputs, Loaded.Write(RelaxDescriptor, copy, "inputs"));
        Assert.Equal(outputs, Loaded.Write(RelaxDescriptor, copy, "outputs"));
        Assert.Equal(state, Loaded.Write(RelaxDescriptor, copy, "state"));
        Assert.Equal(7, Loaded.Get<int>(copy, "MaxSteps"));
        Assert.Equal(new[] { 1.0, 2.5 }, Loaded.Get<double[]>(Loaded.Get<object>(copy, "Start"), "Positions"));
        Assert.Equal(0.01, Loaded.Get<double>(Loaded.Get<object>(copy, "Options"), "Tol"));
        Assert.Equal(new Dictionary<string, double> { ["a"] = 1.5, ["b"] = 2.0 }, Loaded.Get<Dictionary<string, double>>(copy, "Extras"));
        Assert.Equal(-3.25, Loaded.Get<double>(copy, "Energy"));
        Assert.Equal("done", Loaded.Get<string>(Loaded.Get<object>(copy, "Final"), "Label"));
        Assert.Equal(4, Loaded.Get<int>(copy, "_step"));
        Assert.Equal(new List<double> { 1, 0.5 }, Loaded.Get<List<double>>(copy, "_energies"));
        Assert.Null(Loaded.Get<object?>(copy, "_cache"));
    }

    [Fact]
    public void Truncated_inputs_fail_with_the_member_path()
    {
        var process = Relax.Value.Create("QuickStart.Relax", ValidInputs());
        var inputs = Loaded.Write(RelaxDescriptor, process, "inputs");

        var exception = Assert.Throws<ProcessSerializationException>(() => Loaded.ReadInputs(RelaxDescriptor, process.GetType(), inputs[..^3]));
        Assert.Equal("inputs.tag_list", exception.MemberPath);

        // Corrupt the max_steps value's length so it claims one byte too many.
        var corrupt = (byte[])inputs.Clone();
        var nameOffset = IndexOf(corrupt, "max_steps"u8.ToArray());
        corrupt[nameOffset + "max_steps".Length] = 3;
        var inner = Assert.Throws<ProcessSerializationException>(() => Loaded.ReadInputs(RelaxDescriptor, process.GetType(), corrupt));
        Assert.Equal("inputs.max_steps", inner.MemberPath);
    }

    [Fact]
    public void Data_type_matches_memorypack_bytes()
    {
        var inner = Activator.CreateInstance(Data.Value.Type("Shapes.Inner"))!;
        Assert.Equal("02 2a 00 00 00 fd ff ff ff 02 00 00 00 69 6e", Loaded.Hex(Loaded.WriteData(inner)));

        var composite = Activator.CreateInstance(Data.Value.Type("Shapes.Composite"))!;
        Loaded.Set(composite, "A", 1);
        Loaded.Set(composite, "B", -2L);
        Loaded.Set(composite, "C", 1.5);
        Loaded.Set(composite, "D", true);
        Loaded.Set(composite, "E", "hello");
        Loaded.Set(composite, "F", null);
        Loaded.Set(composite, "G", new[] { 1, 2, 3 });
        Loaded.Set(composite, "H", new List<string> { "a", "bc" });
        Loaded.Set(composite, "I", new Dictionary<string, int> { ["k"] = 7 });
        Loaded.Set(composite, "J", inner);
        Loaded.Set(composite, "K", 5);
        Loaded.Set(composite, "L", Enum.ToObject(Data.Value.Type("Shapes.Color"), 5));
        Loaded.Set(composite, "M", Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"));
        Loaded.Set(composite, "N", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Loaded.Set(composite, "O", new byte[] { 0xde, 0xad, 0xbe, 0xef });

        var bytes = Loaded.WriteData(composite);
        Assert.Equal(154, bytes.Length);
        Assert.Equal(
            "0f 01 00 00 00 fe ff ff ff ff ff ff ff 00 00 00 00 00 00 f8 3f 01 fa ff ff ff 05 00 00 00 68 65 6c 6c 6f ff ff ff ff "
            + "03 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 02 00 00 00 fe ff ff ff 01 00 00 00 61 fd ff ff ff 02 00 00 00 62 63 "
            + "01 00 00 00 fe ff ff ff 01 00 00 00 6b 07 00 00 00 02 2a 00 00 00 fd ff ff ff 02 00 00 00 69 6e 01 00 00 00 05 00 00 00 "
            + "05 00 00 00 33 22 11 00 55 44 77 66 88 99 aa bb cc dd ee ff 80 c0 bf 7a 3f 0b dc 48 04 00 00 00 de ad be ef",
            Loaded.Hex(bytes));

        var read = Loaded.ReadData(composite.GetType(), bytes)!;
        Assert.Equal(bytes, Loaded.WriteData(read));
        Assert.Equal("in", Loaded.Get<string>(Loaded.Get<object>(read, "J"), "Name"));
    }

    [Fact]
    public void Nested_collections_nullable_values_and_structs_round_trip()
    {
        var type = Data.Value.Type("Shapes.Sample");
        var sample = Activator.CreateInstance(type, TimeSpan.FromMinutes(3))!;
        Loaded.Set(sample, "Nested", new List<Dictionary<string, int?>> { new() { ["a"] = 1, ["b"] = null }, null! });
        Loaded.Set(sample, "Names", new[] { "x", null });
        Loaded.Set(sample, "MaybeSmall", Enum.ToObject(Data.Value.Type("Shapes.Small"), 200));
        Loaded.Set(sample, "Price", 1.5m);
        Loaded.Set(sample, "Longs", new long[] { 3, 4 });
        Loaded.Set(sample, "When", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)));
        Loaded.Set(sample, "Parent", new ProcessId(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")));

        var bytes = Loaded.WriteData(sample);
        var read = Loaded.ReadData(type, bytes)!;

        Assert.Equal(bytes, Loaded.WriteData(read));
        Assert.Equal(TimeSpan.FromMinutes(3), Loaded.Get<TimeSpan>(read, "Span"));
        Assert.Equal(1.5m, Loaded.Get<decimal?>(read, "Price"));
        Assert.Null(Loaded.Get<List<Dictionary<string, int?>>>(read, "Nested")[1]);
        var nested = Loaded.Get<List<Dictionary<string, int?>>>(read, "Nested")[0];
        Assert.Equal((1, null), (nested["a"], nested["b"]));
        Assert.Equal(new long[] { 3, 4 }, Loaded.Get<IEnumerable<long>>(read, "Longs"));
    }

    private static int IndexOf(byte[] data, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Length; i++)
        {
            if (data.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        throw new InvalidOperationException("Pattern not found.");
    }
}
