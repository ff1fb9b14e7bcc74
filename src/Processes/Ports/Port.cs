namespace Processes.Ports;

/// <summary>
/// A port of a process: a named, typed input or output value (<see cref="ValuePort"/>) or a
/// nested group of ports (<see cref="PortNamespace"/>). Port specs are built by generated code
/// once per process type and are immutable afterwards.
/// </summary>
public abstract class Port
{
    /// <summary>Creates a port.</summary>
    protected Port(string name) => Name = name;

    /// <summary>The port's name within its namespace (snake_case by default).</summary>
    public string Name { get; }

    /// <summary>Help text, taken from the member's XML documentation summary.</summary>
    public string? Help { get; init; }

    /// <summary>
    /// True when a value must be supplied: the port has no default and a non-nullable type.
    /// </summary>
    public bool Required { get; init; }

    /// <summary>The C# name of the port's type, as the user wrote it (e.g. <c>int</c>, <c>List&lt;double&gt;</c>).</summary>
    public string TypeName { get; init; } = "object";

    /// <summary>True when the port has a default value (an initializer in the declaration).</summary>
    public bool HasDefault => DefaultFactory is not null;

    /// <summary>Creates the port's default value; null when the port has no default.</summary>
    public System.Func<object?>? DefaultFactory { get; init; }

    /// <summary>The default as a JSON literal, for descriptions, when it is a compile-time constant.</summary>
    public string? DefaultJson { get; init; }
}
