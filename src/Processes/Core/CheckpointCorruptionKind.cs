namespace Processes;

/// <summary>Why a checkpoint file could not be read (see <see cref="CheckpointCorruptedException"/>).</summary>
public enum CheckpointCorruptionKind
{
    /// <summary>The file does not start with the checkpoint magic bytes: not a checkpoint, or overwritten.</summary>
    BadMagic = 0,

    /// <summary>The file was written in a format version this SDK does not read (usually a newer SDK).</summary>
    UnsupportedVersion = 1,

    /// <summary>The file is shorter or longer than its own lengths say (a torn or appended write).</summary>
    Truncated = 2,

    /// <summary>A CRC-32 does not match the bytes it covers (bit rot or a partial overwrite).</summary>
    ChecksumMismatch = 3,

    /// <summary>The checksums match but a field is invalid (e.g. an unknown state, or an id that does not match the file name).</summary>
    InvalidContent = 4,

    /// <summary>The checkpoint reads, but its inputs break the ports' rules (a value out of range, a missing required input): it is not run.</summary>
    InvalidInputs = 5,
}
