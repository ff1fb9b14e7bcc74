using System;

namespace Processes;

/// <summary>
/// A stored checkpoint is unreadable: bad magic bytes, an unsupported format version, a truncated
/// file, a checksum mismatch or invalid content. <see cref="Location"/> names the damaged
/// checkpoint (a file path, or the process for stores without files), which the store leaves
/// untouched for inspection.
/// </summary>
public sealed class CheckpointCorruptedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointCorruptedException(string location, CheckpointCorruptionKind kind, string reason, Exception? innerException = null)
        : base($"The checkpoint {location} is corrupted ({kind}): {reason}", innerException)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(reason);
        Location = location;
        Kind = kind;
        Reason = reason;
    }

    /// <summary>Where the damaged checkpoint is: the full path of a file, or <c>of process &lt;id&gt;</c>.</summary>
    public string Location { get; }

    /// <summary>The kind of damage.</summary>
    public CheckpointCorruptionKind Kind { get; }

    /// <summary>What is wrong, in words, without the path.</summary>
    public string Reason { get; }
}
