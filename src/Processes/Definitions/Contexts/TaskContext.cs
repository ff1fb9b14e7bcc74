using Processes.Runtime;

namespace Processes;

/// <summary>The context a <c>[Task]</c>'s <c>RunAsync</c> body receives.</summary>
public sealed class TaskContext : ProcessContext
{
    internal TaskContext(IProcessContextHost host)
        : base(host)
    {
    }
}
