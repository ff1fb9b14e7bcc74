using System.Collections.Generic;
using System.Collections.ObjectModel;
using Processes.Ports;
using Xunit;

namespace Processes.Tests.Ports;

/// <summary>PRODUCT.md §3: defaults are populated recursively; raw inputs are never mutated.</summary>
public sealed class PortValuesDefaultsTests
{
    private readonly RelaxSpec _spec = new();

    [Fact]
    public void Absent_ports_with_defaults_are_filled_recursively()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new Dictionary<string, object?> { ["mode"] = "fast" };

        var filled = PortValues.FillDefaults(_spec.Inputs, values);

        Assert.Equal(50, filled["max_steps"]);
        var options = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(filled["options"]);
        Assert.Equal(1e-6, options["tol"]);
        Assert.Equal("fast", options["mode"]);

        // Ports without a default stay absent rather than becoming null.
        Assert.False(filled.ContainsKey("label"));
        Assert.False(filled.ContainsKey("extras"));
    }

    [Fact]
    public void Supplied_values_explicit_nulls_and_unknown_keys_are_kept()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_steps"] = 7;
        values["label"] = null;
        values["max_stpes"] = 10;

        var filled = PortValues.FillDefaults(_spec.Inputs, values);

        Assert.Equal(7, filled["max_steps"]);
        Assert.True(filled.ContainsKey("label"));
        Assert.Null(filled["label"]);
        Assert.Equal(10, filled["max_stpes"]);
        Assert.Same(values["start"], filled["start"]);
    }

    [Fact]
    public void Raw_inputs_are_never_mutated()
    {
        var rawOptions = new Dictionary<string, object?> { ["mode"] = "fast" };
        var raw = new Dictionary<string, object?> { ["start"] = new Geometry(3), ["options"] = rawOptions };
        var readOnly = new ReadOnlyDictionary<string, object?>(raw);
        var rawBefore = new Dictionary<string, object?>(raw);
        var optionsBefore = new Dictionary<string, object?>(rawOptions);

        var filled = PortValues.FillDefaults(_spec.Inputs, readOnly);
        Assert.Empty(PortValues.Validate(_spec.Inputs, readOnly, "inputs"));

        Assert.Equal(rawBefore, raw);
        Assert.Equal(optionsBefore, rawOptions);
        Assert.Same(rawOptions, raw["options"]);
        Assert.NotSame(readOnly, filled);
        Assert.NotSame(rawOptions, filled["options"]);
        Assert.Equal(1e-6, ((IReadOnlyDictionary<string, object?>)filled["options"]!)["tol"]);
    }

    [Fact]
    public void A_typed_namespace_value_is_kept_as_given()
    {
        var options = new RelaxOptions(1e-3, "fast");
        var values = RelaxSpec.MinimalInputs();
        values["options"] = options;

        var filled = PortValues.FillDefaults(_spec.Inputs, values);

        Assert.Same(options, filled["options"]);
    }

    [Fact]
    public void An_absent_namespace_with_a_default_gets_a_new_default_value_on_every_fill()
    {
        var spec = new PortNamespace("inputs")
        {
            Ports =
            [
                new PortNamespace("options")
                {
                    TypeName = "RelaxOptions",
                    DefaultFactory = () => new RelaxOptions(1e-6, "fast"),
                    Ports = [new ValuePort<double>("tol") { TypeName = "double" }],
                },
                new ValuePort<List<double>>("weights") { TypeName = "List<double>", DefaultFactory = () => new List<double> { 1.0 } },
            ],
        };

        var first = PortValues.FillDefaults(spec, new Dictionary<string, object?>());
        var second = PortValues.FillDefaults(spec, new Dictionary<string, object?>());

        Assert.Equal(new RelaxOptions(1e-6, "fast"), first["options"]);
        Assert.Equal([1.0], Assert.IsType<List<double>>(first["weights"]));
        Assert.NotSame(first["weights"], second["weights"]);
    }

    [Fact]
    public void Null_values_fill_every_default()
    {
        var filled = PortValues.FillDefaults(_spec.Inputs, null);

        Assert.Equal(new Dictionary<string, object?> { ["max_steps"] = 50 }, filled);
    }
}
