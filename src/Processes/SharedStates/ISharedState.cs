using Processes.Serialization;

namespace Processes;

/// <summary>
/// Implemented (explicitly) by the generator on every <c>[SharedState]</c> class: its stored name
/// and its serializer. The runtime calls it; user code uses <see cref="ISharedStateClient"/>.
/// </summary>
/// <typeparam name="TSelf">The state class itself.</typeparam>
public interface ISharedState<TSelf>
    where TSelf : class, ISharedState<TSelf>
{
    /// <summary>The name the state is stored and addressed under: <see cref="SharedStateAttribute.Name"/>, else the full type name.</summary>
    static abstract string StateName { get; }

    /// <summary>The state of a key that was never written: a new instance.</summary>
    static abstract TSelf CreateInitial();

    /// <summary>Writes <paramref name="state"/> as a name-keyed section (one length-prefixed member per field or property).</summary>
    static abstract void WriteState(ProcessWriter writer, TSelf state);

    /// <summary>Reads a section written by <see cref="WriteState"/> (or by an older or newer version of the class) into a new instance.</summary>
    static abstract TSelf ReadState(ref ProcessReader reader);

    /// <summary>
    /// Reads the arguments of the declared operation <paramref name="name"/> (a
    /// <c>[SharedStateOperation]</c> method) written by <see cref="SharedStateOperation{TState}.WriteArguments"/>,
    /// or returns null when the class declares no operation of that name. The owner of a state
    /// calls it to run an operation a remote client sent by name.
    /// </summary>
    static abstract SharedStateOperation<TSelf>? ReadOperation(string name, ref ProcessReader reader);
}
