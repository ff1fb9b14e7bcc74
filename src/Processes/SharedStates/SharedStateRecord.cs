using System;

namespace Processes.Checkpoints;

/// <summary>One stored version of a shared state.</summary>
/// <param name="StateName">The state's stored name (<see cref="ISharedState{TSelf}.StateName"/>).</param>
/// <param name="Key">The state's key.</param>
/// <param name="Version">The number of acknowledged updates, 1 or more.</param>
/// <param name="Data">The state as a name-keyed section (<see cref="ISharedState{TSelf}.WriteState"/>).</param>
/// <param name="Writer">Who wrote the version.</param>
/// <param name="UpdatedAt">When it was written.</param>
public sealed record SharedStateRecord(string StateName, string Key, long Version, ReadOnlyMemory<byte> Data, string? Writer, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The saver's lease token (<see cref="SharedStateLease.FencingToken"/>) for a store with
    /// ownership, which refuses the save unless it is the state's current lease; null otherwise.
    /// Not stored.
    /// </summary>
    public long? FencingToken { get; init; }
}
