using System;

namespace Processes;

/// <summary>A consistent read of a shared state: the state as one acknowledged update left it, and that update's version.</summary>
/// <typeparam name="TState">The state class.</typeparam>
/// <param name="Key">The state's key.</param>
/// <param name="Version">The number of acknowledged updates that changed it; 0 for a state never written (then <paramref name="State"/> is a new instance).</param>
/// <param name="State">A private copy: changing it changes nothing stored (use an update).</param>
/// <param name="Writer">Who wrote the version (<see cref="ISharedStateClient.Writer"/>); null for version 0.</param>
/// <param name="UpdatedAt">When the version was written; null for version 0.</param>
public sealed record SharedStateSnapshot<TState>(string Key, long Version, TState State, string? Writer, DateTimeOffset? UpdatedAt)
    where TState : class, ISharedState<TState>;
