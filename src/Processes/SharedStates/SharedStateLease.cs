using System;

namespace Processes.Checkpoints;

/// <summary>
/// A runtime's claim to own one shared state (name and key), granted by a store that supports
/// ownership (<see cref="ISharedStateStore.AcquireOwnershipAsync"/>): the owner loads the state,
/// runs its updates and saves them with <see cref="FencingToken"/>, which the store checks, so a
/// runtime whose lease was taken over can never overwrite the new owner's versions.
/// </summary>
/// <param name="StateName">The state's stored name.</param>
/// <param name="Key">The state's key.</param>
/// <param name="Owner">Who holds it: a runtime's <see cref="ProcessRuntimeOptions.OwnerId"/>.</param>
/// <param name="FencingToken">Grows with every grant to a new holder; renewals keep it.</param>
/// <param name="ExpiresAt">When the lease lapses unless renewed; after that another owner may take it.</param>
public sealed record SharedStateLease(string StateName, string Key, string Owner, long FencingToken, DateTimeOffset ExpiresAt);
