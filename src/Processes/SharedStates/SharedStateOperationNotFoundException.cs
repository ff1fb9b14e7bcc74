namespace Processes;

/// <summary>
/// The owner of a shared state cannot run a declared operation sent to it by name (a remote
/// client's <c>UpdateAsync(key, T.Operations.Name(…))</c>): the state class is not registered on the
/// worker (<see cref="ProcessRegistry.RegisterSharedState{TState}"/>), or its class there declares no
/// operation of that name (an older version of the class). Nothing is changed.
/// </summary>
public sealed class SharedStateOperationNotFoundException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public SharedStateOperationNotFoundException(string stateName, string operation, bool stateRegistered)
        : base(stateRegistered
            ? $"The shared state '{stateName}' has no operation '{operation}' on this worker (its class there declares no [SharedStateOperation] of that name)."
            : $"The shared state '{stateName}' is not registered on this worker, so its operation '{operation}' cannot run here (ProcessRegistry.RegisterSharedState<T>(), or load the assembly that declares the class).")
    {
        StateName = stateName;
        Operation = operation;
        StateRegistered = stateRegistered;
    }

    /// <summary>The state's stored name.</summary>
    public string StateName { get; }

    /// <summary>The operation's name.</summary>
    public string Operation { get; }

    /// <summary>False when the worker knows no class of the state at all; true when its class lacks the operation.</summary>
    public bool StateRegistered { get; }
}
