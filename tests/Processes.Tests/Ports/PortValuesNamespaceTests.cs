using System.Collections.Generic;
using Processes.Ports;
using Xunit;

namespace Processes.Tests.Ports;

/// <summary>PRODUCT.md §3, namespaces: nested, optional, dynamic, unknown keys and namespace validators.</summary>
public sealed class PortValuesNamespaceTests
{
    private readonly RelaxSpec _spec = new();

    [Fact]
    public void An_absent_optional_namespace_is_valid_and_its_validator_is_not_run()
    {
        Assert.Empty(PortValues.Validate(_spec.Inputs, RelaxSpec.MinimalInputs(), "inputs"));

        var withNull = RelaxSpec.MinimalInputs();
        withNull["options"] = null;
        Assert.Empty(PortValues.Validate(_spec.Inputs, withNull, "inputs"));

        Assert.Empty(_spec.OptionsValidated);
    }

    [Fact]
    public void A_present_namespace_missing_a_required_child_is_reported_at_the_child_path()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new Dictionary<string, object?> { ["tol"] = 1e-3 };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.options.mode", PortError.MissingRequired)], errors);
    }

    [Fact]
    public void An_empty_present_namespace_reports_each_missing_required_child()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new Dictionary<string, object?>();

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.options.mode", PortError.MissingRequired)], errors);
    }

    [Fact]
    public void An_absent_required_namespace_is_reported_missing_at_its_own_path()
    {
        var spec = new PortNamespace("inputs")
        {
            Ports =
            [
                new PortNamespace("cell")
                {
                    Required = true,
                    Ports = [new ValuePort<double>("volume") { TypeName = "double", Required = true }],
                },
            ],
        };

        var errors = PortValues.Validate(spec, new Dictionary<string, object?>(), "inputs");

        Assert.Equal([new PortError("inputs.cell", PortError.MissingRequired)], errors);
    }

    [Fact]
    public void Namespaces_nest_and_report_errors_at_every_depth()
    {
        var spec = new PortNamespace("inputs")
        {
            Ports =
            [
                new PortNamespace("solver")
                {
                    Ports =
                    [
                        new PortNamespace("linear")
                        {
                            Ports = [new ValuePort<int>("iterations") { TypeName = "int", Required = true }],
                        },
                    ],
                },
            ],
        };
        var values = new Dictionary<string, object?>
        {
            ["solver"] = new Dictionary<string, object?>
            {
                ["linear"] = new Dictionary<string, object?> { ["iterations"] = 2.5 },
            },
        };

        var errors = PortValues.Validate(spec, values, "inputs");

        Assert.Equal([new PortError("inputs.solver.linear.iterations", "expected int, got double")], errors);
    }

    [Fact]
    public void A_dynamic_namespace_accepts_any_key_and_checks_each_leaf_at_its_path()
    {
        var values = RelaxSpec.MinimalInputs();
        values["extras"] = new Dictionary<string, object?>
        {
            ["temperature"] = 300.0,
            ["pressure"] = "high",
            ["strain"] = double.NaN,
            ["charge"] = null,
        };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal(
            [
                new PortError("inputs.extras.pressure", "expected double, got string"),
                new PortError("inputs.extras.strain", "must be a finite number"),
                new PortError("inputs.extras.charge", "expected double, got null"),
            ],
            errors);
    }

    [Fact]
    public void A_dynamic_namespace_without_a_value_port_accepts_any_value()
    {
        var spec = new PortNamespace("inputs")
        {
            Ports = [new PortNamespace("metadata") { IsDynamic = true }],
        };
        var values = new Dictionary<string, object?>
        {
            ["metadata"] = new Dictionary<string, object?> { ["owner"] = "ada", ["priority"] = 3, ["note"] = null },
        };

        Assert.Empty(PortValues.Validate(spec, values, "inputs"));
    }

    [Fact]
    public void A_non_dynamic_namespace_rejects_unknown_keys_by_name()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_stpes"] = 10;
        values["options"] = new Dictionary<string, object?> { ["mode"] = "fast", ["tolerance"] = 1e-3 };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal(
            [
                new PortError("inputs.options.tolerance", "unknown port 'tolerance'"),
                new PortError("inputs.max_stpes", "unknown port 'max_stpes'"),
            ],
            errors);
    }

    [Fact]
    public void A_namespace_validator_runs_on_the_bound_value_with_defaults_filled()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new Dictionary<string, object?> { ["mode"] = "fast" };

        Assert.Empty(PortValues.Validate(_spec.Inputs, values, "inputs"));

        Assert.Equal([new RelaxOptions(1e-6, "fast")], _spec.OptionsValidated);
        var inputs = Assert.Single(_spec.InputsValidated);
        Assert.Equal(50, inputs.MaxSteps);
        Assert.Equal(new RelaxOptions(1e-6, "fast"), inputs.Options);
    }

    [Fact]
    public void A_namespace_validator_error_is_reported_at_the_namespace_path()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new Dictionary<string, object?> { ["mode"] = "fast", ["tol"] = 1e-9 };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.options", RelaxSpec.OptionsValidatorMessage)], errors);
    }

    [Fact]
    public void The_root_validator_sees_defaults_of_ports_the_caller_left_out()
    {
        // max_steps is absent: the validator sees its default 50, which is too few for "accurate".
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new Dictionary<string, object?> { ["mode"] = "accurate" };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs", RelaxSpec.InputsValidatorMessage)], errors);
    }

    [Fact]
    public void A_namespace_validator_runs_after_its_ports_and_not_when_they_fail()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new Dictionary<string, object?> { ["mode"] = "slow" };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.options.mode", "must be one of [\"fast\", \"accurate\"], but was \"slow\"")], errors);
        Assert.Empty(_spec.OptionsValidated);

        // The failure is inside inputs too, so the root validator is skipped as well.
        Assert.Empty(_spec.InputsValidated);
    }

    [Fact]
    public void A_failing_sibling_port_skips_the_parent_validator_but_not_a_valid_nested_one()
    {
        var values = RelaxSpec.MinimalInputs();
        values["max_steps"] = 0;
        values["options"] = new Dictionary<string, object?> { ["mode"] = "fast" };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Single(errors);
        Assert.Single(_spec.OptionsValidated);
        Assert.Empty(_spec.InputsValidated);
    }

    [Fact]
    public void A_typed_namespace_value_is_checked_through_unbind()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = new RelaxOptions(-1, "fast");

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.options.tol", "must be greater than 0 and at most 1, but was -1")], errors);
    }

    [Fact]
    public void A_namespace_validator_receives_a_typed_value_as_given()
    {
        var options = new RelaxOptions(1e-3, "fast");
        var values = RelaxSpec.MinimalInputs();
        values["options"] = options;

        Assert.Empty(PortValues.Validate(_spec.Inputs, values, "inputs"));

        Assert.Same(options, Assert.Single(_spec.OptionsValidated));
        Assert.Same(options, Assert.Single(_spec.InputsValidated).Options);
    }

    [Fact]
    public void A_namespace_value_that_unbind_rejects_is_a_type_error()
    {
        var values = RelaxSpec.MinimalInputs();
        values["options"] = "fast";

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.options", "expected RelaxOptions, got string")], errors);
        Assert.Empty(_spec.OptionsValidated);
    }

    [Fact]
    public void A_dynamic_namespace_given_as_a_typed_dictionary_checks_each_entry()
    {
        var values = RelaxSpec.MinimalInputs();
        values["extras"] = new Dictionary<string, double> { ["temperature"] = 300.0, ["strain"] = double.PositiveInfinity };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.extras.strain", "must be a finite number")], errors);
    }

    [Fact]
    public void A_dynamic_namespace_rejects_a_dictionary_whose_keys_are_not_strings()
    {
        var values = RelaxSpec.MinimalInputs();
        values["extras"] = new Dictionary<int, double> { [1] = 300.0 };

        var errors = PortValues.Validate(_spec.Inputs, values, "inputs");

        Assert.Equal([new PortError("inputs.extras", "expected Dictionary<string, double>, got Dictionary")], errors);
    }

    [Fact]
    public void A_namespace_without_bind_validates_the_filled_dictionary()
    {
        IReadOnlyDictionary<string, object?>? seen = null;
        var spec = new PortNamespace("inputs")
        {
            Ports = [new ValuePort<int>("steps") { TypeName = "int", DefaultFactory = () => 50 }],
            Validators =
            [
                value =>
                {
                    seen = (IReadOnlyDictionary<string, object?>)value;
                    return (int)seen["steps"]! > 10 ? "too many steps" : null;
                },
            ],
        };

        var errors = PortValues.Validate(spec, new Dictionary<string, object?>(), "inputs");

        Assert.Equal([new PortError("inputs", "too many steps")], errors);
        Assert.Equal(50, seen!["steps"]);
    }
}
