using System;
using Processes.Serialization;

namespace Processes.Runtime;

/// <summary>
/// The binary form of a launch's own retry policy and time limit, shared by the checkpoint
/// envelope and the remote protocol's launch options so both carry them identically.
/// </summary>
internal static class RetryPolicyCodec
{
    public static void Write(ProcessWriter writer, RetryPolicy? policy, TimeSpan? timeLimit)
    {
        writer.WriteBoolean(policy is not null);
        if (policy is not null)
        {
            writer.WriteInt32(policy.MaxAttempts);
            writer.WriteTimeSpan(policy.Delay);
            writer.WriteDouble(policy.BackoffFactor);
            writer.WriteBoolean(policy.MaxDelay.HasValue);
            writer.WriteTimeSpan(policy.MaxDelay ?? TimeSpan.Zero);
            writer.WriteCollectionHeader(policy.RetryOnNames.Count);
            foreach (var name in policy.RetryOnNames)
            {
                writer.WriteString(name);
            }
        }

        writer.WriteBoolean(timeLimit.HasValue);
        writer.WriteTimeSpan(timeLimit ?? TimeSpan.Zero);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; invalid values raise <see cref="ProcessSerializationException"/> at their offset.</summary>
    public static (RetryPolicy? Policy, TimeSpan? TimeLimit) Read(ref ProcessReader reader)
    {
        RetryPolicy? policy = null;
        if (reader.ReadBoolean())
        {
            var offset = reader.Offset;
            var maxAttempts = reader.ReadInt32();
            var delay = reader.ReadTimeSpan();
            var factor = reader.ReadDouble();
            var hasMaxDelay = reader.ReadBoolean();
            var maxDelay = reader.ReadTimeSpan();
            reader.TryReadCollectionHeader(out var count, 4);
            var names = new string[Math.Max(count, 0)];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.ReadString() ?? string.Empty;
            }

            try
            {
                policy = RetryPolicy.Restore(maxAttempts, delay, factor, hasMaxDelay ? maxDelay : null, names);
            }
            catch (ArgumentException exception)
            {
                throw new ProcessSerializationException("the retry policy is invalid: " + exception.Message, offset);
            }
        }

        var limitOffset = reader.Offset;
        var hasLimit = reader.ReadBoolean();
        var limit = reader.ReadTimeSpan();
        if (hasLimit && Rules.RetryRules.CheckTimeLimit(limit.TotalMilliseconds) is { } error)
        {
            throw new ProcessSerializationException("the time limit is invalid: " + error, limitOffset);
        }

        return (policy, hasLimit ? limit : null);
    }
}
