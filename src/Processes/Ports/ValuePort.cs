using System;
using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>A leaf port: one value of a given type, with optional validators.</summary>
public abstract class ValuePort : Port
{
    /// <summary>Creates a leaf port.</summary>
    protected ValuePort(string name)
        : base(name)
    {
    }

    /// <summary>The port's constraints as JSON schema keywords (type, minimum, pattern, …).</summary>
    public PortSchemaConstraints Schema { get; init; } = PortSchemaConstraints.Empty;

    /// <summary>True when <paramref name="value"/> is of the port's type (null counts for nullable types).</summary>
    public abstract bool IsOfType(object? value);

    /// <summary>Runs the port's validators on a value of the right type, adding each error.</summary>
    public abstract void Validate(object? value, string path, PortErrorCollector errors);

    /// <summary>Reads a JSON value as this port's type; an error (added at <paramref name="path"/>) gives null.</summary>
    internal virtual object? ReadJson(System.Text.Json.JsonElement json, string path, PortErrorCollector errors)
    {
        errors.Add(path, "this port cannot be given as JSON");
        return null;
    }
}

/// <summary>A leaf port holding a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The port's value type (nullable for optional ports).</typeparam>
public sealed class ValuePort<T> : ValuePort
{
    /// <summary>Creates a leaf port.</summary>
    public ValuePort(string name)
        : base(name)
    {
    }

    /// <summary>True when null is a valid value (a nullable reference or value type).</summary>
    public bool AcceptsNull { get; init; }

    /// <summary>The port's validators, in order; each returns an error message or null.</summary>
    public IReadOnlyList<Func<T, string?>> Validators { get; init; } = Array.Empty<Func<T, string?>>();

    /// <inheritdoc />
    public override bool IsOfType(object? value) => value is null ? AcceptsNull : value is T;

    /// <inheritdoc />
    internal override object? ReadJson(System.Text.Json.JsonElement json, string path, PortErrorCollector errors)
    {
        errors.AddIfNotNull(path, PortJsonValues.TryRead<T>(json, out var value));
        return value;
    }

    /// <inheritdoc />
    public override void Validate(object? value, string path, PortErrorCollector errors)
    {
        var typed = (T)value!;
        foreach (var validator in Validators)
        {
            var error = validator(typed);
            if (error is not null)
            {
                errors.Add(path, error);
            }
        }
    }
}
