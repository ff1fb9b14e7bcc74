using System;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// Runs a declared operation on a state's current version, as the engine's update function:
/// reads the state, applies the operation, and returns the initial bytes (for a state never
/// written), the new bytes and the result's bytes. The typed form runs an operation object in
/// process; the serialized form reads it by name from its arguments, for a worker serving a
/// remote client.
/// </summary>
internal static class SharedStateOperationRunner
{
    /// <summary>A state class's serialized runner, registered by state name (<see cref="ProcessRegistry.RegisterSharedState{TState}"/>).</summary>
    public delegate (byte[]? Initial, byte[] Data, byte[] Result) Serialized(SharedStateVersion current, string operation, byte[] arguments);

    public static (byte[]? Initial, byte[] Data, byte[] Result) Run<TState>(SharedStateVersion current, SharedStateOperation<TState> operation)
        where TState : class, ISharedState<TState>
    {
        var state = SharedStateSerializer.Read<TState>(current);
        var initial = current.Data is null ? SharedStateSerializer.Write(state) : null;
        using var result = new ProcessWriter(64);
        operation.RunOn(state, result);
        return (initial, SharedStateSerializer.Write(state), result.ToArray());
    }

    public static (byte[]? Initial, byte[] Data, byte[] Result) RunSerialized<TState>(SharedStateVersion current, string operation, byte[] arguments)
        where TState : class, ISharedState<TState>
    {
        var reader = new ProcessReader(arguments);
        var read = TState.ReadOperation(operation, ref reader)
            ?? throw new SharedStateOperationNotFoundException(TState.StateName, operation, stateRegistered: true);
        reader.EnsureAtEnd();
        return Run(current, read);
    }
}
