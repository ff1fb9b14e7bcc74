using System;
using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>
/// Validation and default filling of raw port values (dictionaries by port name, nested
/// dictionaries for namespaces), as used when a process is created by name.
/// </summary>
/// <remarks>
/// A nested namespace's value may be a dictionary or an instance of the namespace's type; an
/// instance is checked through <see cref="PortNamespace.Unbind"/>. A <c>null</c> value counts as
/// absent for a namespace, and as a value (valid only for nullable types) for a leaf port, except
/// that a required port given <c>null</c> is reported as missing. A dynamic namespace without
/// <c>Unbind</c> also accepts any dictionary with string keys (e.g. <c>Dictionary&lt;string, double&gt;</c>).
/// Namespace validators receive <see cref="PortNamespace.Bind"/>'s value built from the values with
/// defaults filled; for a namespace without <c>Bind</c> (typically a root), the filled dictionary itself.
/// </remarks>
internal static class PortValues
{
    /// <summary>Validates raw values against a namespace, collecting every error under <paramref name="rootPath"/>.</summary>
    /// <param name="spec">The namespace to validate against (usually a descriptor's <c>Inputs</c> or <c>Outputs</c>).</param>
    /// <param name="values">The values by port name; null is treated as an empty dictionary.</param>
    /// <param name="rootPath">The path errors are reported under, e.g. <c>inputs</c>.</param>
    /// <returns>Every error found, in order (ports in declaration order, then unknown keys); empty when valid.</returns>
    public static IReadOnlyList<PortError> Validate(PortNamespace spec, IReadOnlyDictionary<string, object?>? values, string rootPath)
    {
        var errors = new PortErrorCollector();
        Validate(spec, values, rootPath, errors);
        return errors.Errors;
    }

    /// <summary>
    /// Validates raw values against a namespace, adding every error to an existing collector (so
    /// one run can gather the errors of several sources, e.g. generated checks and raw values).
    /// </summary>
    /// <param name="spec">The namespace to validate against.</param>
    /// <param name="values">The values by port name; null is treated as an empty dictionary.</param>
    /// <param name="rootPath">The path errors are reported under, e.g. <c>inputs</c>.</param>
    /// <param name="errors">Receives every error found.</param>
    public static void Validate(PortNamespace spec, IReadOnlyDictionary<string, object?>? values, string rootPath, PortErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rootPath);
        ArgumentNullException.ThrowIfNull(errors);
        PortValueValidation.ValidateNamespace(spec, values ?? EmptyValues, typedValue: null, rootPath, errors);
    }

    /// <summary>Returns a new dictionary with every absent port that has a default filled in, recursively; <paramref name="values"/> is never changed.</summary>
    /// <param name="spec">The namespace whose defaults are filled.</param>
    /// <param name="values">The values by port name; null is treated as an empty dictionary.</param>
    /// <returns>
    /// A new dictionary holding every entry of <paramref name="values"/> (unknown keys included, so a
    /// later validation still reports them), the defaults of absent ports, and a new dictionary for
    /// each nested namespace given as a dictionary.
    /// </returns>
    public static IReadOnlyDictionary<string, object?> FillDefaults(PortNamespace spec, IReadOnlyDictionary<string, object?>? values)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return PortDefaults.Fill(spec, values ?? EmptyValues);
    }

    private static IReadOnlyDictionary<string, object?> EmptyValues { get; } =
        new Dictionary<string, object?>(0, StringComparer.Ordinal);
}
