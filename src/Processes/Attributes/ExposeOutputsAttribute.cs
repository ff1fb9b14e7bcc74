using System;

namespace Processes;

/// <summary>
/// Exposes the output ports of a child <c>[Process]</c> or <c>[Task]</c> as outputs of this
/// process (plumpy's <c>spec.expose_outputs</c>), resolved at compile time. Without
/// <see cref="Namespace"/> they become top-level outputs; with it they are grouped in a nested
/// namespace port of that name. The generator writes a method <c>Set{Child}Outputs</c> (or
/// <c>Set{Namespace}Outputs</c>) that copies a finished child's outputs into them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ExposeOutputsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="processType">The child process or task class, <c>typeof(Child)</c>.</param>
    public ExposeOutputsAttribute(Type processType) => ProcessType = processType;

    /// <summary>The child process or task class.</summary>
    public Type ProcessType { get; }

    /// <summary>The port name of the namespace to expose the ports in; null exposes them at the top level.</summary>
    public string? Namespace { get; set; }

    /// <summary>Exact port names (snake_case) of the child to expose; all others are left out. Not with <see cref="Exclude"/>.</summary>
    public string[]? Include { get; set; }

    /// <summary>Exact port names (snake_case) of the child to leave out. Not with <see cref="Include"/>.</summary>
    public string[]? Exclude { get; set; }
}
