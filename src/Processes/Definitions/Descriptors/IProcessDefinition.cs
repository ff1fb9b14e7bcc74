namespace Processes;

/// <summary>
/// Implemented by the generator on every <c>[Process]</c> and <c>[Task]</c> class: gives the
/// runtime the type's descriptor without reflection.
/// </summary>
/// <typeparam name="TSelf">The process class itself.</typeparam>
public interface IProcessDefinition<TSelf>
    where TSelf : class, IProcessDefinition<TSelf>
{
    /// <summary>The generated descriptor of the process type.</summary>
    static abstract ProcessDescriptor<TSelf> Descriptor { get; }
}
