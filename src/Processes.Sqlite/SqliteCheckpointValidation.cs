using System;
using Processes.Checkpoints;

namespace Processes.Sqlite;

/// <summary>
/// The input checks every store makes before it stores anything (the same rules as the runtime's
/// internal <c>CheckpointValidation</c>, which is not visible to this assembly).
/// </summary>
internal static class SqliteCheckpointValidation
{
    public static void Validate(CheckpointInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.ProcessName is null)
        {
            throw new ArgumentException("A checkpoint needs a process name.", nameof(info));
        }

        if (info.Tags is null)
        {
            throw new ArgumentException("A checkpoint's tags must not be null (use an empty list).", nameof(info));
        }

        foreach (var tag in info.Tags)
        {
            if (tag is null)
            {
                throw new ArgumentException("A checkpoint tag must not be null.", nameof(info));
            }
        }

        if (!Enum.IsDefined(info.State))
        {
            throw new ArgumentException($"Unknown process state {(byte)info.State}.", nameof(info));
        }
    }
}
