using System;

namespace Processes;

/// <summary>
/// Excludes an instance field of a process from its checkpoints (for example a cache or a
/// handle to an external resource). Every other non-readonly instance field is process state.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class TransientAttribute : Attribute
{
}
