namespace Processes.Runtime;

/// <summary>The runtime's untyped view of a descriptor: creates executions without knowing the process type.</summary>
internal interface IProcessAdapter
{
    ProcessDescriptor Descriptor { get; }
}
