using System;

namespace Processes;

/// <summary>
/// Another runtime owns the shared state (it holds the state's lease in the store), so this
/// runtime may neither serve nor write it: nothing is changed. Retry after <see cref="ExpiresAt"/>
/// (an owner that is gone stops renewing, and the state can be taken over then), or address the
/// state through its owner (a client of the worker that owns it).
/// </summary>
public sealed class SharedStateOwnedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public SharedStateOwnedException(string stateName, string key, string? owner, DateTimeOffset? expiresAt)
        : base(owner is null
            ? $"Shared state '{stateName}' key '{key}' was taken over by another owner: this runtime's lease is no longer current, so it may not write the state."
            : $"Shared state '{stateName}' key '{key}' is owned by {owner} (its lease runs until {expiresAt:O}); two runtimes may not serve one state.")
    {
        StateName = stateName;
        Key = key;
        Owner = owner;
        ExpiresAt = expiresAt;
    }

    /// <summary>The state's stored name.</summary>
    public string StateName { get; }

    /// <summary>The state's key.</summary>
    public string Key { get; }

    /// <summary>The runtime that holds the lease (its <see cref="ProcessRuntimeOptions.OwnerId"/>), when known.</summary>
    public string? Owner { get; }

    /// <summary>When the owner's lease lapses unless it renews it, when known.</summary>
    public DateTimeOffset? ExpiresAt { get; }
}
