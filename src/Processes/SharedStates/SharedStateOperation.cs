using System;
using Processes.Serialization;

namespace Processes;

/// <summary>
/// A declared operation of a shared state (a <c>[SharedStateOperation]</c> method) with its
/// arguments, ready to run on the owner of the state. The generator writes one subclass per
/// operation and a factory for it in the state's nested <c>Operations</c> class; pass the
/// result to <see cref="ISharedStateClient.UpdateAsync{TState}(string, SharedStateOperation{TState}, System.Threading.CancellationToken)"/>.
/// This form returns nothing; <see cref="SharedStateOperation{TState, TResult}"/> returns a result.
/// </summary>
/// <typeparam name="TState">The state class.</typeparam>
public abstract class SharedStateOperation<TState>
    where TState : class, ISharedState<TState>
{
    /// <summary>The operation's name: its method's name, which a worker looks it up by.</summary>
    public abstract string Name { get; }

    /// <summary>Writes the arguments, which <see cref="ISharedState{TSelf}.ReadOperation"/> reads back on the owner (generated).</summary>
    protected abstract void WriteArguments(ProcessWriter writer);

    /// <summary>
    /// Runs the operation's method on <paramref name="state"/> and, when <paramref name="result"/>
    /// is not null and the method returns a value, writes the value to it (generated).
    /// </summary>
    protected abstract void Apply(TState state, ProcessWriter? result);

    /// <summary>Runs the operation on <paramref name="state"/>, writing its result (if any) to <paramref name="result"/>.</summary>
    internal void RunOn(TState state, ProcessWriter? result) => Apply(state, result);

    /// <summary>The operation's arguments as bytes.</summary>
    internal byte[] SerializeArguments()
    {
        using var writer = new ProcessWriter(64);
        WriteArguments(writer);
        return writer.ToArray();
    }
}

/// <summary>A declared operation of a shared state that returns a <typeparamref name="TResult"/> (see <see cref="SharedStateOperation{TState}"/>).</summary>
/// <typeparam name="TState">The state class.</typeparam>
/// <typeparam name="TResult">The method's return type.</typeparam>
public abstract class SharedStateOperation<TState, TResult> : SharedStateOperation<TState>
    where TState : class, ISharedState<TState>
{
    /// <summary>Reads a result written by <see cref="SharedStateOperation{TState}.Apply"/> (generated).</summary>
    protected abstract TResult ReadResult(ref ProcessReader reader);

    /// <summary>Reads the result bytes the owner returned.</summary>
    internal TResult DeserializeResult(ReadOnlySpan<byte> data)
    {
        var reader = new ProcessReader(data);
        var result = ReadResult(ref reader);
        reader.EnsureAtEnd();
        return result;
    }
}
