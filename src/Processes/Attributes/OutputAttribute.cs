using System;

namespace Processes;

/// <summary>
/// Declares an output port. The member needs a setter the process can call (usually
/// <c>private set</c>). An output is required unless its type is nullable.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class OutputAttribute : Attribute
{
    /// <summary>The port name. Defaults to the member name in snake_case.</summary>
    public string? Name { get; set; }
}
