namespace Processes;

/// <summary>
/// A store refused a save or a lease renewal because the caller's lease is no longer current:
/// it lapsed and another runtime took the process over (or the process was deleted). The
/// refused checkpoint was not written; the newer owner's checkpoints are intact.
/// </summary>
public sealed class LeaseLostException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public LeaseLostException(ProcessId processId, long fencingToken, string? currentOwner)
        : base(currentOwner is null
            ? $"The lease of process {processId} (fencing token {fencingToken}) is no longer held: the process has no lease now, so the write was refused."
            : $"The lease of process {processId} (fencing token {fencingToken}) was lost to {currentOwner}; the write was refused.")
    {
        ProcessId = processId;
        FencingToken = fencingToken;
        CurrentOwner = currentOwner;
    }

    /// <summary>The process.</summary>
    public ProcessId ProcessId { get; }

    /// <summary>The stale token the caller presented.</summary>
    public long FencingToken { get; }

    /// <summary>Who holds the lease now, if anybody.</summary>
    public string? CurrentOwner { get; }
}
