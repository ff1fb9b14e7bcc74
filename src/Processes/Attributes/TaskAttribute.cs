using System;

namespace Processes;

/// <summary>
/// Marks a partial class as a task: a unit of work that turns inputs into outputs atomically,
/// without internal checkpoints. The class declares its body as
/// <c>ValueTask RunAsync(TaskContext context)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class TaskAttribute : Attribute
{
    /// <summary>
    /// The name the task is registered under. Defaults to the class's full metadata name.
    /// </summary>
    public string? Name { get; set; }
}
