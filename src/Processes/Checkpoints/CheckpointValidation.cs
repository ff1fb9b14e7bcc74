using System;

namespace Processes.Checkpoints;

/// <summary>
/// Checks a checkpoint's description before a store accepts it, so every store rejects the same
/// inputs. Public so a custom <see cref="ICheckpointStore"/> applies exactly the same rules.
/// </summary>
public static class CheckpointValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="info"/> has no process name, null tags or an undefined state.</summary>
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
