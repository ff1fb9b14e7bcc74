using System;
using System.Collections.Generic;
using System.Linq;
using Processes.Ports;
using Xunit;

namespace Processes.Generators.Tests;

/// <summary>Compiles processes exposing a child's ports and exercises the generated ports, checks, checkpoints and helpers.</summary>
public sealed class ExposeRuntimeTests
{
    private static readonly Lazy<Loaded> Code = new(() => new Loaded(GeneratorHarness.CompileAndLoad(
        "Runtime.Expose",
        ExposeSources.Child,
        ExposeSources.Whole,
        ExposeSources.Namespaced,
        ExposeSources.Included,
        ExposeSources.Excluded,
        ExposeSources.Outer)));

    private static ProcessDescriptor Descriptor(string name) => Code.Value.Descriptor("Exposing." + name);

    private static object Create(string name, Dictionary<string, object?> inputs) => Code.Value.Create("Exposing." + name, inputs);

    private static object Call(object instance, string method, params object?[] arguments) =>
        instance.GetType().GetMethod(method)!.Invoke(instance, arguments)!;

    private static string[] Errors(IEnumerable<PortError> errors) => errors.Select(error => error.ToString()).ToArray();

    [Fact]
    public void Exposed_ports_are_real_ports_of_the_parent_in_the_childs_order()
    {
        Assert.Equal(new[] { "offset", "x", "factor", "label", "unit" }, Descriptor("Whole").Inputs.Ports.Select(port => port.Name));
        Assert.Equal(new[] { "result", "note" }, Descriptor("Whole").Outputs.Ports.Select(port => port.Name));
        Assert.Equal(new[] { "x", "factor" }, Descriptor("Included").Inputs.Ports.Select(port => port.Name));
        Assert.Equal(new[] { "result" }, Descriptor("Included").Outputs.Ports.Select(port => port.Name));

        var inner = Assert.IsType<PortNamespace>(Descriptor("Excluded").Inputs.Ports.Single());
        Assert.Equal("inner", inner.Name);
        Assert.True(inner.Required);
        Assert.Equal(new[] { "x", "factor" }, inner.Ports.Select(port => port.Name));
        var innerOutputs = Assert.IsType<PortNamespace>(Descriptor("Excluded").Outputs.Ports.Single());
        Assert.Equal(new[] { "note" }, innerOutputs.Ports.Select(port => port.Name));

        Assert.True(Descriptor("Whole").Inputs.TryGetPort("x", out var x));
        Assert.True(x.Required);
        Assert.Equal("The number to scale.", x.Help);
        Assert.Equal((0.0, 100.0), (((ValuePort)x).Schema.Minimum, ((ValuePort)x).Schema.Maximum));
    }

    [Fact]
    public void Exposed_ports_validate_with_the_childs_rules_at_their_paths_typed_and_by_name()
    {
        var raw = new Dictionary<string, object?>
        {
            ["scale"] = new Dictionary<string, object?> { ["x"] = 500, ["label"] = "far too long", ["unit"] = "" },
        };
        var expected = new[]
        {
            "inputs.scale.x: must be at least 0 and at most 100, but was 500",
            "inputs.scale.label: label is too long",
            "inputs.scale.unit: length must be at least 1, but was 0",
        };

        Assert.Equal(expected, Errors(PortValues.Validate(Descriptor("Nested").Inputs, raw, "inputs")));
        Assert.Equal(expected, Errors(Loaded.ValidateInputs(Descriptor("Nested"), Create("Nested", raw))));

        var whole = Create("Whole", new() { ["x"] = -1, ["factor"] = 11 });
        Assert.Equal(
            new[]
            {
                "inputs.x: must be at least 0 and at most 100, but was -1",
                "inputs.factor: must be at least 1 and at most 10, but was 11",
                "inputs.unit: required value was not provided",
            },
            Errors(Loaded.ValidateInputs(Descriptor("Whole"), whole)));

        var missing = Errors(PortValues.Validate(Descriptor("Nested").Inputs, new Dictionary<string, object?>(), "inputs"));
        Assert.Equal(new[] { "inputs.scale: required value was not provided" }, missing);
    }

    [Fact]
    public void Exposed_inputs_without_a_value_fall_back_to_the_childs_defaults()
    {
        var whole = Create("Whole", new() { ["x"] = 4, ["unit"] = "m" });
        Assert.Equal(3, Loaded.Get<int>(whole, "Factor"));
        Assert.Null(Loaded.Get<string?>(whole, "Label"));
        Assert.Empty(Loaded.ValidateInputs(Descriptor("Whole"), whole));

        Assert.True(Descriptor("Whole").Inputs.TryGetPort("factor", out var factor));
        Assert.False(factor.Required);
        Assert.Equal(3, factor.DefaultFactory!());
        Assert.Equal("3", factor.DefaultJson);

        var filled = PortValues.FillDefaults(Descriptor("Nested").Inputs, new Dictionary<string, object?>
        {
            ["scale"] = new Dictionary<string, object?> { ["x"] = 4, ["unit"] = "m" },
        });
        Assert.Equal(3, ((IReadOnlyDictionary<string, object?>)filled["scale"]!)["factor"]);

        var excluded = Create("Excluded", new() { ["inner"] = new Dictionary<string, object?> { ["x"] = 6 } });
        Assert.Equal(3, Loaded.Get<int>(Loaded.Get<object>(excluded, "InnerInputs"), "Factor"));
    }

    [Fact]
    public void Exposed_inputs_and_outputs_round_trip_through_checkpoints()
    {
        var nested = Create("Nested", new()
        {
            ["scale"] = new Dictionary<string, object?> { ["x"] = 7, ["factor"] = 5, ["label"] = "ab", ["unit"] = "kg" },
        });
        var child = Call(nested, "BuildChild");
        Loaded.Set(child, "Result", 35);
        Loaded.Set(child, "Note", "abkg");
        Call(nested, "Finish", child);
        var descriptor = Descriptor("Nested");

        var inputs = Loaded.Write(descriptor, nested, "inputs");
        var outputs = Loaded.Write(descriptor, nested, "outputs");
        var copy = Loaded.ReadInputs(descriptor, nested.GetType(), inputs);
        Loaded.Read(descriptor, copy, "outputs", outputs);

        Assert.Equal(inputs, Loaded.Write(descriptor, copy, "inputs"));
        Assert.Equal(outputs, Loaded.Write(descriptor, copy, "outputs"));
        Assert.Equal(Loaded.Get<object>(nested, "ScaleInputs"), Loaded.Get<object>(copy, "ScaleInputs"));
        Assert.Equal(35, Loaded.Get<int>(Loaded.Get<object>(copy, "ScaleOutputs"), "Result"));
        Assert.Equal("abkg", Loaded.Get<string>(Loaded.Get<object>(copy, "ScaleOutputs"), "Note"));
        Assert.Empty(Loaded.ValidateOutputs(descriptor, copy));
    }

    [Fact]
    public void The_generated_helper_builds_the_child_from_the_exposed_inputs()
    {
        var whole = Create("Whole", new() { ["x"] = 4, ["label"] = "ab", ["unit"] = "m" });
        var child = Call(whole, "BuildChild");
        Assert.Equal((4, 3, "ab", "m"), (Loaded.Get<int>(child, "X"), Loaded.Get<int>(child, "Factor"), Loaded.Get<string>(child, "Label"), Loaded.Get<string>(child, "Unit")));

        var included = Create("Included", new() { ["x"] = 9, ["factor"] = 2 });
        var fromIncluded = Call(included, "BuildChild", "km");
        Assert.Equal((9, 2, null, "km"), (Loaded.Get<int>(fromIncluded, "X"), Loaded.Get<int>(fromIncluded, "Factor"), Loaded.Get<string?>(fromIncluded, "Label"), Loaded.Get<string>(fromIncluded, "Unit")));

        var excluded = Create("Excluded", new() { ["inner"] = new Dictionary<string, object?> { ["x"] = 6 } });
        var fromExcluded = Call(excluded, "BuildChild", "s");
        Assert.Equal((6, 3, "s"), (Loaded.Get<int>(fromExcluded, "X"), Loaded.Get<int>(fromExcluded, "Factor"), Loaded.Get<string>(fromExcluded, "Unit")));
    }

    [Fact]
    public void The_generated_helper_copies_a_finished_childs_outputs_and_they_are_validated()
    {
        var whole = Create("Whole", new() { ["x"] = 4, ["unit"] = "m" });
        var child = Call(whole, "BuildChild");
        Loaded.Set(child, "Result", 12);
        Call(whole, "Finish", child);
        Assert.Equal(new Dictionary<string, object?> { ["result"] = 12 }, Loaded.Values(Descriptor("Whole"), whole, "outputs"));

        var nested = Create("Nested", new() { ["scale"] = new Dictionary<string, object?> { ["x"] = 1, ["unit"] = "m" } });
        Assert.Equal(new[] { "outputs.scale: required value was not provided" }, Errors(Loaded.ValidateOutputs(Descriptor("Nested"), nested)));
    }

    [Fact]
    public void A_process_exposing_a_process_that_exposes_a_namespace_gets_that_namespace()
    {
        var outer = Descriptor("Outer");
        var scale = Assert.IsType<PortNamespace>(outer.Inputs.Ports.Single());
        Assert.Equal("scale", scale.Name);
        Assert.Equal(new[] { "x", "factor", "label", "unit" }, scale.Ports.Select(port => port.Name));

        var raw = new Dictionary<string, object?> { ["scale"] = new Dictionary<string, object?> { ["x"] = 101, ["unit"] = "m" } };
        Assert.Equal(new[] { "inputs.scale.x: must be at least 0 and at most 100, but was 101" }, Errors(PortValues.Validate(outer.Inputs, raw, "inputs")));

        raw = new Dictionary<string, object?> { ["scale"] = new Dictionary<string, object?> { ["x"] = 10, ["unit"] = "m" } };
        var process = Create("Outer", raw);
        var nested = Call(process, "BuildChild");
        Assert.Equal(Loaded.Get<object>(process, "ScaleInputs"), Loaded.Get<object>(nested, "ScaleInputs"));
        Assert.Empty(Loaded.ValidateInputs(Descriptor("Nested"), nested));
    }

    [Fact]
    public void The_json_schema_describes_exposed_ports_like_declared_ones()
    {
        var schema = Descriptor("Nested").ToJsonSchema();
        Assert.Contains("\"scale\": {", schema, StringComparison.Ordinal);
        Assert.Contains("\"maximum\": 100", schema, StringComparison.Ordinal);
        Assert.Contains("\"description\": \"The factor.\"", schema, StringComparison.Ordinal);
    }
}
