using System;

namespace Processes;

/// <summary>
/// Marks a partial class as a durable shared state: its public fields and settable properties
/// are the state, which many processes, tasks and clients read, update atomically and watch by
/// key (<see cref="ISharedStateClient"/>, <c>docs/concepts/shared-state.md</c>). The generator
/// writes its serializer in the checkpoints' version-tolerant, name-keyed section format (members
/// may be added or removed later: missing ones keep their initial values, unknown ones are
/// skipped) and implements <see cref="ISharedState{TSelf}"/>. The class needs a parameterless
/// constructor: a state never written starts as a new instance.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class SharedStateAttribute : Attribute
{
    /// <summary>
    /// The name the state is stored and addressed under (with its key); the full type name when
    /// null. Set it to keep stored states when the class is renamed or moved.
    /// </summary>
    public string? Name { get; init; }
}
