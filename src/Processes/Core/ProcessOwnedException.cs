using System;

namespace Processes;

/// <summary>
/// Another runtime holds the lease of a process (it is running it now), so this runtime may not
/// run it. Thrown by <c>ContinueAsync</c> and by a store's <c>AcquireLeaseAsync</c>; retry after
/// <see cref="ExpiresAt"/>, or ask <c>ContinueAsync</c> to wait for the owner.
/// </summary>
public sealed class ProcessOwnedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessOwnedException(ProcessId processId, string owner, DateTimeOffset expiresAt)
        : base($"Process {processId} is owned by {owner} (its lease runs until {expiresAt:O}); it cannot run in two runtimes at once.")
    {
        ProcessId = processId;
        Owner = owner;
        ExpiresAt = expiresAt;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>The runtime that holds the lease (its <see cref="ProcessRuntimeOptions.OwnerId"/>).</summary>
    public string Owner { get; }

    /// <summary>When the owner's lease lapses unless it renews it.</summary>
    public DateTimeOffset ExpiresAt { get; }
}
