using System;

namespace Processes;

/// <summary>
/// Declares an input port. The member must be settable at creation (<c>init</c> or <c>set</c>).
/// A port is required when it is C# <c>required</c> or has a non-nullable type and no initializer;
/// it is optional when it has an initializer (the default) or a nullable type.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>The port name. Defaults to the member name in snake_case (<c>MaxSteps</c> → <c>max_steps</c>).</summary>
    public string? Name { get; set; }
}
