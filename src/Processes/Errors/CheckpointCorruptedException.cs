using System;

namespace Processes;

/// <summary>A stored checkpoint cannot be read: truncated, damaged or of an unknown format.</summary>
public sealed class CheckpointCorruptedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointCorruptedException(string source, string reason, Exception? innerException = null)
        : base($"The checkpoint {source} is corrupted: {reason}", innerException)
    {
        Source = source;
        Reason = reason;
    }

    /// <summary>Where the checkpoint came from (a file path, or a process id for other stores).</summary>
    public new string Source { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
