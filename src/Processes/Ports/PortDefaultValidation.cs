using System;
using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>
/// Checks the defaults of a namespace against the ports' own rules (PRODUCT.md §3: an invalid
/// default is an error, never silently accepted). Constant defaults are already checked at
/// compile time by analyzer PRC0018; this catches computed ones when the spec is first used.
/// </summary>
internal static class PortDefaultValidation
{
    /// <summary>The errors of every default of <paramref name="spec"/>, at the port's path, or none.</summary>
    public static IReadOnlyList<PortError> Check(PortNamespace spec, string rootPath)
    {
        var defaults = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var port in spec.Ports)
        {
            if (port.DefaultFactory is { } createDefault)
            {
                defaults[port.Name] = createDefault();
            }
        }

        if (defaults.Count == 0)
        {
            return Array.Empty<PortError>();
        }

        // Only errors inside a defaulted port are about defaults; the other ports are simply absent here.
        var errors = new List<PortError>();
        foreach (var error in PortValues.Validate(spec, defaults, rootPath))
        {
            foreach (var name in defaults.Keys)
            {
                var path = PortErrorCollector.Join(rootPath, name);
                if (error.Path == path || error.Path.StartsWith(path + ".", StringComparison.Ordinal))
                {
                    errors.Add(error with { Message = "the default is invalid: " + error.Message });
                    break;
                }
            }
        }

        return errors;
    }
}
