using System;
using System.Collections.Generic;

namespace Processes.Ports;

/// <summary>
/// A group of ports under one name: the root <c>inputs</c> and <c>outputs</c> of a process, a
/// nested namespace type, or a dynamic namespace (a dictionary-typed port that accepts any key).
/// </summary>
public sealed class PortNamespace : Port
{
    private readonly Dictionary<string, Port> _byName = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<Port> _ports = Array.Empty<Port>();

    /// <summary>Creates a namespace.</summary>
    public PortNamespace(string name)
        : base(name)
    {
    }

    /// <summary>The namespace's ports, in declaration order.</summary>
    public IReadOnlyList<Port> Ports
    {
        get => _ports;
        init
        {
            _ports = value;
            foreach (var port in value)
            {
                if (!_byName.TryAdd(port.Name, port))
                {
                    throw new ArgumentException($"The namespace '{Name}' declares the port '{port.Name}' twice.", nameof(value));
                }
            }
        }
    }

    /// <summary>True when the namespace accepts keys it does not declare (a dictionary-typed port).</summary>
    public bool IsDynamic { get; init; }

    /// <summary>For a dynamic namespace, the port every extra key's value is checked against.</summary>
    public ValuePort? DynamicValue { get; init; }

    /// <summary>
    /// For a dynamic namespace whose values are port namespaces (a <c>Dictionary&lt;string, Inner&gt;</c>
    /// port), the spec of <c>Inner</c>: every value is validated by it as a nested namespace, given
    /// either typed or as a dictionary of its port values, with errors at
    /// <c>port.key.inner_port</c>. Null for a dynamic namespace of plain values.
    /// </summary>
    public PortNamespace? DynamicNamespace { get; init; }

    /// <summary>
    /// Validators of the whole namespace. Each receives the namespace's typed value (built with
    /// <see cref="Bind"/>) and returns an error message or null. They run after the ports, and only
    /// when the ports themselves are valid, so they always see well-typed values.
    /// </summary>
    public IReadOnlyList<Func<object, string?>> Validators { get; init; } = Array.Empty<Func<object, string?>>();

    /// <summary>Builds the namespace's typed value from validated values with defaults filled.</summary>
    public Func<IReadOnlyDictionary<string, object?>, object>? Bind { get; init; }

    /// <summary>Turns a typed value of the namespace back into its port values; null when the value is of another type.</summary>
    public Func<object, IReadOnlyDictionary<string, object?>?>? Unbind { get; init; }

    /// <summary>Finds a declared port by name.</summary>
    public bool TryGetPort(string portName, out Port port) => _byName.TryGetValue(portName, out port!);
}
