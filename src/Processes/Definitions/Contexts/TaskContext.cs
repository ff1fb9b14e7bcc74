using System.Threading.Tasks;
using Processes.Runtime;

namespace Processes;

/// <summary>The context a <c>[Task]</c>'s <c>RunAsync</c> body receives.</summary>
public sealed class TaskContext : ProcessContext
{
    internal TaskContext(IProcessContextHost host)
        : base(host)
    {
    }

    /// <summary>
    /// Runs a child task or process to completion and returns it with its outputs set. Failures
    /// propagate as <see cref="ProcessExceptedException"/> or <see cref="ProcessKilledException"/>;
    /// killing this task cancels the wait. Only a task may wait on a child inline: a
    /// <c>[Process]</c> step starts children with <see cref="StepContext.StartChild{TChild}"/>,
    /// whose results survive a crash.
    /// </summary>
    public ValueTask<TChild> RunAsync<TChild>(TChild child)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.RunChildAsync(child, CancellationToken);

    /// <summary>The runtime's clock (a map chunk stamps its failed items with it).</summary>
    internal System.DateTimeOffset UtcNow => Host.UtcNow;

    /// <summary>Runs one item of a map chunk (see <see cref="MapOptions.ChunkSize"/>).</summary>
    internal ValueTask<TItem> RunMapItemAsync<TItem>(ProcessDescriptor<TItem> descriptor, TItem item)
        where TItem : class =>
        Host.RunMapItemAsync(descriptor, item, CancellationToken);
}
