using Processes.Runtime;

namespace Processes;

/// <summary>
/// The context a <c>[Process]</c> step receives. A step may launch children; after the step
/// returns, the process waits (state <see cref="ProcessState.Waiting"/>) until they all finish,
/// and the next step reads their outputs with <see cref="Child{TChild}"/>.
/// </summary>
public sealed class StepContext : ProcessContext
{
    internal StepContext(IProcessContextHost host)
        : base(host)
    {
    }

    /// <summary>
    /// Launches a child under <paramref name="key"/>. The parent records the child's id in its
    /// checkpoint, so a reloaded parent waits on the same child. A child that fails makes the
    /// parent fail with the child's exception.
    /// </summary>
    public ProcessId Launch<TChild>(string key, TChild child)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.LaunchChild(key, child);

    /// <summary>Returns the finished child launched under <paramref name="key"/>, with its outputs set.</summary>
    public TChild Child<TChild>(string key)
        where TChild : class, IProcessDefinition<TChild> =>
        Host.GetChild<TChild>(key);

    /// <summary>True when a child was launched under <paramref name="key"/>.</summary>
    public bool HasChild(string key) => Host.HasChild(key);
}
