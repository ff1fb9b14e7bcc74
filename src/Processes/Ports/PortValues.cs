using System;
using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>
/// Validation and default filling of raw port values (dictionaries by port name, nested
/// dictionaries for namespaces), as used when a process is created by name.
/// </summary>
public static class PortValues
{
    /// <summary>Validates raw values against a namespace, collecting every error under <paramref name="rootPath"/>.</summary>
    public static IReadOnlyList<PortError> Validate(PortNamespace spec, IReadOnlyDictionary<string, object?> values, string rootPath) =>
        throw new NotImplementedException();

    /// <summary>Returns a new dictionary with every absent port that has a default filled in, recursively; <paramref name="values"/> is never changed.</summary>
    public static IReadOnlyDictionary<string, object?> FillDefaults(PortNamespace spec, IReadOnlyDictionary<string, object?> values) =>
        throw new NotImplementedException();
}
