using System;

namespace Processes;

/// <summary>
/// Marks an instance method of a <c>[SharedState]</c> class as a declared operation: an update
/// that runs on the owner of the state, under its lock, exactly once. The generator writes a
/// typed call for it in the class's nested <c>Operations</c> class (for a method
/// <c>int Add(string city, int people)</c>: <c>Census.Operations.Add(city, people)</c>, a
/// <see cref="SharedStateOperation{TState, TResult}"/> given to
/// <see cref="ISharedStateClient.UpdateAsync{TState, TResult}(string, SharedStateOperation{TState, TResult}, System.Threading.CancellationToken)"/>).
/// In process it runs like a delegate; on a named-pipe worker it is sent by name with its
/// serialized arguments and runs on the worker in one round trip (no compare-and-set).
/// Parameters and the result must be serializable (PRC0047); the method must be synchronous and
/// must not block (PRC0048).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class SharedStateOperationAttribute : Attribute
{
}
