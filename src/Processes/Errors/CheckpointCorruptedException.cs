using System;

namespace Processes;

/// <summary>
/// A stored checkpoint is unreadable: bad magic bytes, an unsupported format version, a truncated
/// file, a checksum mismatch or invalid content. <see cref="FilePath"/> names the damaged file,
/// which the store leaves untouched for inspection.
/// </summary>
public sealed class CheckpointCorruptedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointCorruptedException(string filePath, CheckpointCorruptionKind kind, string reason, Exception? innerException = null)
        : base($"The checkpoint file '{filePath}' is corrupted ({kind}): {reason}", innerException)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(reason);
        FilePath = filePath;
        Kind = kind;
        Reason = reason;
    }

    /// <summary>The full path of the damaged file.</summary>
    public string FilePath { get; }

    /// <summary>The kind of damage.</summary>
    public CheckpointCorruptionKind Kind { get; }

    /// <summary>What is wrong, in words, without the path.</summary>
    public string Reason { get; }
}
