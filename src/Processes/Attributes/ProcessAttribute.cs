using System;

namespace Processes;

/// <summary>
/// Marks a partial class as a stateful, multi-step, checkpointed process. The source generator
/// emits its port spec, validation, checkpoint serializer and registry entry. The class declares
/// its outline in a method <c>void DefineOutline(OutlineBuilder outline)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ProcessAttribute : Attribute
{
    /// <summary>
    /// The name the process is registered under (used to create it by name, for example on a
    /// worker). Defaults to the class's full metadata name, e.g. <c>MyApp.Relax</c>.
    /// </summary>
    public string? Name { get; set; }
}
