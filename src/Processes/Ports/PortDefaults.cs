using System;
using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>Fills the defaults of absent ports into copies of raw port values.</summary>
internal static class PortDefaults
{
    /// <summary>Returns a filled copy of <paramref name="values"/>; the input is only read.</summary>
    public static Dictionary<string, object?> Fill(PortNamespace spec, IReadOnlyDictionary<string, object?> values)
    {
        // Copy first, so that unknown keys and explicit nulls survive unchanged; only absent
        // declared ports and nested dictionaries are touched afterwards, always in the copy.
        var filled = new Dictionary<string, object?>(values.Count + spec.Ports.Count, StringComparer.Ordinal);
        foreach (var entry in values)
        {
            filled[entry.Key] = entry.Value;
        }

        foreach (var port in spec.Ports)
        {
            if (!values.TryGetValue(port.Name, out var value))
            {
                if (port.DefaultFactory is { } createDefault)
                {
                    // A new value per call: a default is never shared between two runs.
                    filled[port.Name] = createDefault();
                }
            }
            else if (port is PortNamespace nested && value is IReadOnlyDictionary<string, object?> nestedValues)
            {
                filled[port.Name] = Fill(nested, nestedValues);
            }
        }

        return filled;
    }
}
