using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Processes.Ports;

/// <summary>
/// Turns a JSON object into raw port values (a dictionary by port name, nested dictionaries for
/// namespaces) guided by a namespace's spec, so the by-name port-values path (defaults, validation,
/// <see cref="PortNamespace.Bind"/>) can take it. Every error is collected at its port path.
/// </summary>
internal static class PortJson
{
    /// <summary>The raw values of <paramref name="json"/>, or null (with errors) when it is not an object.</summary>
    public static Dictionary<string, object?>? ReadNamespace(PortNamespace spec, JsonElement json, string path, PortErrorCollector errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"must be a JSON object, but was {json.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            var portPath = PortPath.Join(path, property.Name);
            if (spec.TryGetPort(property.Name, out var port))
            {
                values[property.Name] = ReadPort(port, property.Value, portPath, errors);
            }
            else if (spec.IsDynamic && spec.DynamicValue is { } dynamicValue)
            {
                values[property.Name] = dynamicValue.ReadJson(property.Value, portPath, errors);
            }
            else
            {
                errors.Add(portPath, $"unknown port '{property.Name}'; known ports here: {string.Join(", ", PortNames(spec))}");
            }
        }

        return values;
    }

    private static object? ReadPort(Port port, JsonElement json, string path, PortErrorCollector errors) => port switch
    {
        _ when json.ValueKind == JsonValueKind.Null => null,
        PortNamespace nested => ReadNamespace(nested, json, path, errors),
        ValuePort value => value.ReadJson(json, path, errors),
        _ => null,
    };

    private static IEnumerable<string> PortNames(PortNamespace spec)
    {
        foreach (var port in spec.Ports)
        {
            yield return port.Name;
        }
    }
}
