using System;

namespace Processes;

/// <summary>
/// Exposes the input ports of a child <c>[Process]</c> or <c>[Task]</c> on this process (plumpy's
/// <c>spec.expose_inputs</c>), resolved at compile time. Without <see cref="Namespace"/> the
/// child's inputs become top-level inputs of this process (generated properties with the child's
/// member names, types, defaults and validation); with it they are grouped in a nested namespace
/// port of that name. The generator also writes a method <c>Create{Child}</c> (or
/// <c>Create{Namespace}</c>) that builds the child from the exposed values.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ExposeInputsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="processType">The child process or task class, <c>typeof(Child)</c>.</param>
    public ExposeInputsAttribute(Type processType) => ProcessType = processType;

    /// <summary>The child process or task class.</summary>
    public Type ProcessType { get; }

    /// <summary>The port name of the namespace to expose the ports in; null exposes them at the top level.</summary>
    public string? Namespace { get; set; }

    /// <summary>Exact port names (snake_case) of the child to expose; all others are left out. Not with <see cref="Exclude"/>.</summary>
    public string[]? Include { get; set; }

    /// <summary>Exact port names (snake_case) of the child to leave out. Not with <see cref="Include"/>.</summary>
    public string[]? Exclude { get; set; }
}
