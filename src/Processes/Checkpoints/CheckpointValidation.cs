using System;
using System.Collections.Generic;

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
        Validate(info.ProcessName, info.Tags, info.State, nameof(info));
    }

    /// <summary>The same rules for a description given as values (the runtime's save into the in-memory store builds no record).</summary>
    internal static void Validate(string? processName, IReadOnlyList<string>? tags, ProcessState state, string parameterName)
    {
        if (processName is null)
        {
            throw new ArgumentException("A checkpoint needs a process name.", parameterName);
        }

        if (tags is null)
        {
            throw new ArgumentException("A checkpoint's tags must not be null (use an empty list).", parameterName);
        }

        // By index: a foreach over the interface would allocate an enumerator on every save.
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i] is null)
            {
                throw new ArgumentException("A checkpoint tag must not be null.", parameterName);
            }
        }

        if (!Enum.IsDefined(state))
        {
            throw new ArgumentException($"Unknown process state {(byte)state}.", parameterName);
        }
    }
}
