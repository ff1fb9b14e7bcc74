using System;

namespace Processes.Checkpoints;

/// <summary>Settings of a <see cref="FileCheckpointStore"/>; every member has a default.</summary>
public sealed class FileCheckpointStoreOptions
{
    /// <summary>
    /// The clock that lease expiry is measured with (the system clock by default). Fencing tokens
    /// do not use it: they come from the system clock, see <see cref="FileCheckpointStore"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long an operation waits for a process id's lock file, which another store instance
    /// (in this or another OS process) may hold, before it fails with an <see cref="System.IO.IOException"/>.
    /// Ten seconds by default.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
