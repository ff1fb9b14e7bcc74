using Processes.Runtime;

namespace Processes;

/// <summary>Children dispatched to other workers by a transport instead of running beside their parent.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Where unbounded tracked children go when a transport runs them on any worker; null (the
    /// default) runs them in this runtime beside their parent. Bounded fan-outs
    /// (<see cref="MapOptions.MaxParallelism"/>) and <c>ProcessContext.RunAsync</c> children always run here.
    /// </summary>
    internal IRemoteChildDispatcher? RemoteChildren { get; set; }

    /// <summary>
    /// Checks and builds a child that will run elsewhere: its inputs, the launch chain, its first
    /// snapshot. It is not started here; its parent stores its first checkpoint and dispatches it.
    /// </summary>
    internal ProcessExecution PrepareRemoteChild<TChild>(TChild child, ProcessExecution parent, ProcessId id)
        where TChild : class, IProcessDefinition<TChild>
    {
        ThrowIfStopped();
        var descriptor = TChild.Descriptor;
        ValidateInputs(descriptor, child);
        LaunchChainGuard.Check(descriptor, child, parent, _maxLaunchDepth, ancestor => _live.TryGetValue(ancestor, out var live) ? live : null);
        var snapshot = NewSnapshot(descriptor, new LaunchOptions { Id = id, Tags = parent.Tags }, parent.Id);
        return new ProcessExecution<TChild>(this, descriptor, child, snapshot);
    }
}
