using System;
using System.Collections.Generic;
using Processes.Generated;
using Processes.Ports;

namespace Processes.Tests.Ports;

/// <summary>
/// A hand-built port spec of the shape the generator emits for PRODUCT.md's <c>Relax</c> process:
/// a required <c>start</c>, <c>max_steps</c> with a default and a range, an optional
/// <c>options</c> namespace with its own validator, a dynamic <c>extras</c> namespace of doubles,
/// a nullable <c>label</c>, and a validator on the whole inputs namespace. Every validator logs
/// what it was called with, so tests can prove when validators did and did not run.
/// </summary>
internal sealed class RelaxSpec
{
    public const string StartValidatorMessage = "must contain at least one atom";
    public const string OptionsValidatorMessage = "a tolerance below 1e-8 needs mode 'accurate'";
    public const string InputsValidatorMessage = "mode 'accurate' needs max_steps of at least 100";

    public RelaxSpec()
    {
        Options = new PortNamespace("options")
        {
            TypeName = "RelaxOptions",
            Help = "Convergence settings.",
            Ports =
            [
                new ValuePort<double>("tol")
                {
                    TypeName = "double",
                    Help = "The force tolerance.",
                    DefaultFactory = () => 1e-6,
                    DefaultJson = "1e-6",
                    Schema = new PortSchemaConstraints { JsonType = "number", Minimum = 0, MinimumIsExclusive = true, Maximum = 1 },
                    Validators = [value => PortChecks.Range(value, 0.0, 1.0, minimumIsExclusive: true)],
                },
                new ValuePort<string>("mode")
                {
                    TypeName = "string",
                    Required = true,
                    Schema = new PortSchemaConstraints { JsonType = "string", AllowedValuesJson = ["\"fast\"", "\"accurate\""] },
                    Validators = [value => PortChecks.Allowed(value, ["fast", "accurate"])],
                },
            ],
            Validators =
            [
                value =>
                {
                    var options = (RelaxOptions)value;
                    OptionsValidated.Add(options);
                    return options.Mode == "fast" && options.Tol < 1e-8 ? OptionsValidatorMessage : null;
                },
            ],
            Bind = BindOptions,
            Unbind = value => value is RelaxOptions options
                ? new Dictionary<string, object?> { ["tol"] = options.Tol, ["mode"] = options.Mode }
                : null,
        };

        Extras = new PortNamespace("extras")
        {
            TypeName = "Dictionary<string, double>",
            IsDynamic = true,
            DynamicValue = new ValuePort<double>("extras")
            {
                TypeName = "double",
                Schema = new PortSchemaConstraints { JsonType = "number" },
                Validators = [value => double.IsFinite(value) ? null : "must be a finite number"],
            },
        };

        Inputs = new PortNamespace("inputs")
        {
            Ports =
            [
                new ValuePort<Geometry>("start")
                {
                    TypeName = "Geometry",
                    Required = true,
                    Help = "The starting geometry.",
                    Validators =
                    [
                        value =>
                        {
                            StartValidated.Add(value);
                            return value.Atoms > 0 ? null : StartValidatorMessage;
                        },
                    ],
                },
                new ValuePort<int>("max_steps")
                {
                    TypeName = "int",
                    Help = "The most steps to take.",
                    DefaultFactory = () => 50,
                    DefaultJson = "50",
                    Schema = new PortSchemaConstraints { JsonType = "integer", Minimum = 1, Maximum = 1000 },
                    Validators =
                    [
                        value =>
                        {
                            MaxStepsValidated.Add(value);
                            return PortChecks.Range(value, 1, 1000);
                        },
                    ],
                },
                Options,
                Extras,
                new ValuePort<string?>("label")
                {
                    TypeName = "string?",
                    AcceptsNull = true,
                    Schema = new PortSchemaConstraints { JsonType = "string", MaxLength = 40, DeniedValuesJson = ["\"\""] },
                    Validators = [value => PortChecks.MaxLength(PortChecks.LengthOf(value), 40)],
                },
            ],
            Validators =
            [
                value =>
                {
                    var inputs = (RelaxInputs)value;
                    InputsValidated.Add(inputs);
                    return inputs.Options is { Mode: "accurate" } && inputs.MaxSteps < 100 ? InputsValidatorMessage : null;
                },
            ],
            Bind = BindInputs,
        };

        Outputs = new PortNamespace("outputs")
        {
            Ports =
            [
                new ValuePort<double>("energy") { TypeName = "double", Required = true, Schema = new PortSchemaConstraints { JsonType = "number" } },
                new ValuePort<Geometry?>("final") { TypeName = "Geometry?", AcceptsNull = true },
            ],
        };
    }

    public PortNamespace Inputs { get; }

    public PortNamespace Outputs { get; }

    public PortNamespace Options { get; }

    public PortNamespace Extras { get; }

    public List<Geometry> StartValidated { get; } = [];

    public List<int> MaxStepsValidated { get; } = [];

    public List<RelaxOptions> OptionsValidated { get; } = [];

    public List<RelaxInputs> InputsValidated { get; } = [];

    /// <summary>The smallest valid inputs: only the required port.</summary>
    public static Dictionary<string, object?> MinimalInputs() => new() { ["start"] = new Geometry(3) };

    private static RelaxOptions BindOptions(IReadOnlyDictionary<string, object?> values) =>
        new((double)values["tol"]!, (string)values["mode"]!);

    private static RelaxInputs BindInputs(IReadOnlyDictionary<string, object?> values)
    {
        // Like generated code: a nested namespace arrives as a dictionary or as its typed value.
        var options = values.TryGetValue("options", out var rawOptions)
            ? rawOptions switch
            {
                null => null,
                RelaxOptions typed => typed,
                IReadOnlyDictionary<string, object?> dictionary => BindOptions(dictionary),
                _ => throw new InvalidOperationException("options were not validated"),
            }
            : null;
        values.TryGetValue("extras", out var extras);
        values.TryGetValue("label", out var label);
        return new RelaxInputs(
            (Geometry)values["start"]!,
            (int)values["max_steps"]!,
            options,
            (IReadOnlyDictionary<string, object?>?)extras,
            (string?)label);
    }
}
