using System.Collections.Generic;
using Processes.Generated;
using Processes.Ports;
using Xunit;

namespace Processes.Tests.Ports;

/// <summary>PRODUCT.md §3, per port: missing-required → type → validators; every error, with its full path.</summary>
public sealed class PortValuesValidationTests
{
    private readonly RelaxSpec _spec = new();

    [Fact]
    public void Valid_inputs_produce_no_errors()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_steps"] = 200;
        values["options"] = new Dictionary<string, object?> { ["tol"] = 1e-4, ["mode"] = "accurate" };
        values["extras"] = new Dictionary<string, object?> { ["temperature"] = 300.0 };
        values["label"] = "first run";

        Assert.Empty(PortValues.Validate(_spec.Inputs, values, "inputs"));
    }

    [Fact]
    public void An_absent_required_port_is_reported_missing_at_its_path()
    {
        var errors = PortValues.Validate(_spec.Inputs, new Dictionary<string, object?>(), "inputs");

        Assert.Equal([new PortError("inputs.start", PortError.MissingRequired)], errors);
    }

    [Fact]
    public void A_required_port_given_null_is_reported_missing()
    {
        var errors = PortValues.Validate(_spec.Inputs, new Dictionary<string, object?> { ["start"] = null }, "inputs");

        Assert.Equal([new PortError("inputs.start", PortError.MissingRequired)], errors);
    }

    [Fact]
    public void Null_root_values_are_treated_as_empty()
    {
        var errors = PortValues.Validate(_spec.Inputs, null, "inputs");

        Assert.Equal([new PortError("inputs.start", PortError.MissingRequired)], errors);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_expected_and_the_actual_type()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_steps"] = "fifty";
        values["options"] = new Dictionary<string, object?> { ["tol"] = 1, ["mode"] = "fast" };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal(
            [
                new PortError("inputs.max_steps", "expected int, got string"),
                new PortError("inputs.options.tol", "expected double, got int"),
            ],
            errors);
    }

    [Fact]
    public void A_failing_validator_is_reported_at_the_port_path()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_steps"] = 0;

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.max_steps", PortChecks.Range(0, 1, 1000)!)], errors);
        Assert.Equal("must be at least 1 and at most 1000, but was 0", errors[0].Message);
    }

    [Fact]
    public void Every_error_is_collected_at_once_with_its_full_dotted_path()
    {
        var values = new Dictionary<string, object?>
        {
            ["max_steps"] = 5000,
            ["options"] = new Dictionary<string, object?> { ["tol"] = "tight", ["bogus"] = 1 },
            ["extras"] = new Dictionary<string, object?> { ["pressure"] = "high" },
            ["label"] = new string('x', 41),
            ["max_stpes"] = 10,
        };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        // Declared ports in declaration order, each namespace's unknown keys after its ports.
        Assert.Equal(
            [
                new PortError("inputs.start", PortError.MissingRequired),
                new PortError("inputs.max_steps", "must be at least 1 and at most 1000, but was 5000"),
                new PortError("inputs.options.tol", "expected double, got string"),
                new PortError("inputs.options.mode", PortError.MissingRequired),
                new PortError("inputs.options.bogus", "unknown port 'bogus'"),
                new PortError("inputs.extras.pressure", "expected double, got string"),
                new PortError("inputs.label", "length must be at most 40, but was 41"),
                new PortError("inputs.max_stpes", "unknown port 'max_stpes'"),
            ],
            errors);
    }

    [Fact]
    public void A_missing_port_is_neither_type_checked_nor_validated()
    {
        var errors = PortValues.Validate(_spec.Inputs, new Dictionary<string, object?> { ["start"] = null }, "inputs");

        Assert.Single(errors);
        Assert.Empty(_spec.StartValidated);
    }

    [Fact]
    public void A_wrong_typed_value_does_not_run_validators()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_steps"] = 7L;

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.max_steps", "expected int, got long")], errors);
        Assert.Empty(_spec.MaxStepsValidated);
    }

    [Fact]
    public void A_well_typed_value_runs_its_validators()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_steps"] = 7;

        Assert.Empty(PortValues.Validate(_spec.Inputs, values, "inputs"));
        Assert.Equal([7], _spec.MaxStepsValidated);
        Assert.Equal([new Geometry(3)], _spec.StartValidated);
    }

    [Fact]
    public void Null_is_a_value_valid_only_for_nullable_ports()
    {
        var values = RelaxSpec.MinimalInputs();
        values["label"] = null;
        values["max_steps"] = null;

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        // label is string?; max_steps is int with a default: null does not mean "use the default".
        Assert.Equal([new PortError("inputs.max_steps", "expected int, got null")], errors);
    }

    [Fact]
    public void Errors_are_reported_under_the_given_root_path()
    {
        var errors = PortValues.Validate(_spec.Outputs, new Dictionary<string, object?> { ["final"] = new Geometry(1) }, "outputs");

        Assert.Equal([new PortError("outputs.energy", PortError.MissingRequired)], errors);
    }

    [Fact]
    public void The_collector_overload_appends_to_errors_already_found()
    {
        var collector = new PortErrorCollector();
        collector.Add("inputs.start", "checked elsewhere");

        PortValues.Validate(_spec.Inputs, new Dictionary<string, object?> { ["max_steps"] = 0 }, "inputs", collector);

        Assert.Equal(
            [
                new PortError("inputs.start", "checked elsewhere"),
                new PortError("inputs.start", PortError.MissingRequired),
                new PortError("inputs.max_steps", "must be at least 1 and at most 1000, but was 0"),
            ],
            collector.Errors);
    }
}
