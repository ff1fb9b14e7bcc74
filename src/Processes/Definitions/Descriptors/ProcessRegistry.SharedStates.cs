using System;
using System.Collections.Concurrent;
using Processes.Runtime;

namespace Processes;

// Shared state classes by stored name, so a worker runs a declared operation a remote client sent
// by name, through generated code only.
public sealed partial class ProcessRegistry
{
    private readonly ConcurrentDictionary<string, SharedStateOperationRunner.Serialized> _sharedStates = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers a <c>[SharedState]</c> class under its <see cref="ISharedState{TSelf}.StateName"/>, so a
    /// worker of a runtime using this registry runs the class's declared operations
    /// (<c>[SharedStateOperation]</c> methods) that remote clients send by name. Generated module
    /// initializers register every such class that declares operations (and is visible to the
    /// assembly) in <see cref="Global"/>; delegate updates and reads need no registration.
    /// Registering the same class twice is harmless.
    /// </summary>
    public ProcessRegistry RegisterSharedState<TState>()
        where TState : class, ISharedState<TState>
    {
        _sharedStates.TryAdd(TState.StateName, static (current, operation, arguments) => SharedStateOperationRunner.RunSerialized<TState>(current, operation, arguments));
        return this;
    }

    /// <summary>True when a shared state class was registered under <paramref name="stateName"/>.</summary>
    public bool IsSharedStateRegistered(string stateName) => _sharedStates.ContainsKey(stateName);

    /// <summary>The serialized operation runner of a state class, looked up here and then in <see cref="Global"/>.</summary>
    internal SharedStateOperationRunner.Serialized? FindSharedState(string stateName) =>
        _sharedStates.TryGetValue(stateName, out var runner) || (!ReferenceEquals(this, Global) && Global._sharedStates.TryGetValue(stateName, out runner))
            ? runner
            : null;
}
