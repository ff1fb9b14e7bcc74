using System;
using System.Collections;
using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>
/// The validation walk behind <see cref="PortValues.Validate(PortNamespace, IReadOnlyDictionary{string, object?}?, string)"/>:
/// per port missing-required, then type, then validators; every error is collected, none stops the walk.
/// </summary>
internal static class PortValueValidation
{
    /// <summary>
    /// Validates one namespace's values. <paramref name="typedValue"/> is the namespace's typed
    /// instance when the values were unbound from one; namespace validators then see it as given.
    /// </summary>
    public static void ValidateNamespace(
        PortNamespace spec,
        IReadOnlyDictionary<string, object?> values,
        object? typedValue,
        string path,
        PortErrorCollector errors)
    {
        var errorsBefore = errors.Count;

        foreach (var port in spec.Ports)
        {
            var portPath = Join(path, port.Name);
            var present = values.TryGetValue(port.Name, out var value);
            if (port is PortNamespace nested)
            {
                ValidateNestedNamespace(nested, value, portPath, errors);
            }
            else if (port is ValuePort leaf)
            {
                ValidateLeaf(leaf, present, value, portPath, errors);
            }
        }

        ValidateUndeclaredKeys(spec, values, path, errors);

        // Validators only ever see well-typed, fully defaulted values: if anything inside this
        // namespace failed, binding could throw or a validator could report a follow-on error.
        if (errors.Count == errorsBefore && spec.Validators.Count > 0)
        {
            var bound = typedValue ?? BindWithDefaults(spec, values);
            foreach (var validator in spec.Validators)
            {
                if (validator(bound) is { } message)
                {
                    errors.Add(path, message);
                }
            }
        }
    }

    private static void ValidateLeaf(ValuePort port, bool present, object? value, string path, PortErrorCollector errors)
    {
        if (value is null && port.Required && !port.HasDefault)
        {
            // A missing value has no type to check and nothing to validate: one error is the whole story.
            errors.Add(path, PortError.MissingRequired);
            return;
        }

        if (!present)
        {
            // Optional and absent: the default (or nothing) is filled in later.
            return;
        }

        CheckValue(port, value, path, errors);
    }

    private static void ValidateNestedNamespace(PortNamespace spec, object? value, string path, PortErrorCollector errors)
    {
        if (value is null)
        {
            // An absent optional namespace is valid as a whole: its children and validators are not
            // checked, because there is nothing to check them on (its default, if any, is a full value).
            if (spec.Required && !spec.HasDefault)
            {
                errors.Add(path, PortError.MissingRequired);
            }

            return;
        }

        if (value is IReadOnlyDictionary<string, object?> values)
        {
            ValidateNamespace(spec, values, typedValue: null, path, errors);
        }
        else if ((spec.Unbind?.Invoke(value) ?? DynamicEntries(spec, value)) is { } unbound)
        {
            ValidateNamespace(spec, unbound, value, path, errors);
        }
        else
        {
            errors.Add(path, TypeMismatch(spec, value));
        }
    }

    private static void ValidateUndeclaredKeys(PortNamespace spec, IReadOnlyDictionary<string, object?> values, string path, PortErrorCollector errors)
    {
        foreach (var entry in values)
        {
            if (spec.TryGetPort(entry.Key, out _))
            {
                continue;
            }

            var keyPath = Join(path, entry.Key);
            if (!spec.IsDynamic)
            {
                // Named, so that a typo ("max_stpes") is found at once rather than silently ignored.
                errors.Add(keyPath, $"unknown port '{entry.Key}'");
            }
            else if (spec.DynamicNamespace is { } entryNamespace)
            {
                ValidateNestedNamespace(entryNamespace, entry.Value, keyPath, errors);
            }
            else if (spec.DynamicValue is { } dynamicValue)
            {
                CheckValue(dynamicValue, entry.Value, keyPath, errors);
            }
        }
    }

    private static void CheckValue(ValuePort port, object? value, string path, PortErrorCollector errors)
    {
        if (!port.IsOfType(value))
        {
            // Validators are typed: a wrong-typed value cannot be passed to them.
            errors.Add(path, TypeMismatch(port, value));
            return;
        }

        port.Validate(value, path, errors);
    }

    /// <summary>
    /// The entries of a typed dictionary given for a dynamic namespace with no <see cref="PortNamespace.Unbind"/>
    /// (e.g. a <c>Dictionary&lt;string, double&gt;</c>), read through the non-generic
    /// <see cref="IDictionary"/> that every BCL dictionary implements, so no reflection is needed.
    /// Null when the namespace is fixed, the value is not a dictionary, or a key is not a string.
    /// </summary>
    private static Dictionary<string, object?>? DynamicEntries(PortNamespace spec, object value)
    {
        if (!spec.IsDynamic || value is not IDictionary dictionary)
        {
            return null;
        }

        var entries = new Dictionary<string, object?>(dictionary.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                return null;
            }

            entries[key] = entry.Value;
        }

        return entries;
    }

    private static object BindWithDefaults(PortNamespace spec, IReadOnlyDictionary<string, object?> values)
    {
        var filled = PortDefaults.Fill(spec, values);
        return spec.Bind is { } bind ? bind(filled) : filled;
    }

    private static string TypeMismatch(Port port, object? value) =>
        $"expected {port.TypeName}, got {PortTypeDescriptions.Describe(value)}";

    private static string Join(string path, string name) =>
        path.Length == 0 ? name : PortErrorCollector.Join(path, name);
}
