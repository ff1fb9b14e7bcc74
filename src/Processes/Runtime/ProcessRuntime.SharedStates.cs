namespace Processes;

/// <summary>The shared states this runtime owns.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// The shared states this runtime owns (<c>docs/concepts/shared-state.md</c>), written under
    /// the name <c>runtime</c>; a worker serves the same states to its remote clients.
    /// </summary>
    public ISharedStateClient SharedStates { get; }

    internal Runtime.SharedStateEngine SharedStateEngine { get; }

    /// <summary>
    /// A client of this runtime's shared states that writes under <paramref name="writer"/>: its
    /// watches skip the changes it wrote unless asked, and watchers see the name in each change.
    /// </summary>
    public ISharedStateClient CreateSharedStateClient(string writer)
    {
        System.ArgumentException.ThrowIfNullOrEmpty(writer);
        return new Runtime.SharedStateClient(SharedStateEngine, writer);
    }
}
