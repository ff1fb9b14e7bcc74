using System;

namespace Processes.Checkpoints;

/// <summary>
/// The lease rules of <see cref="ICheckpointStore"/> for stores that decide them in .NET code
/// (the in-memory and file stores; a database store states the same rules in SQL). Public so a
/// custom store can follow them exactly.
/// </summary>
public static class LeaseRules
{
    /// <summary>Throws when <paramref name="duration"/> is not positive.</summary>
    public static void ValidateDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease must last a positive time.");
        }
    }

    /// <summary>
    /// The lease to store when <paramref name="owner"/> asks for process <paramref name="id"/>
    /// whose current lease is <paramref name="current"/> (null: none). A holder asking again
    /// keeps its token; a new holder gets <paramref name="newToken"/>, which the caller makes
    /// greater than every token issued before for the id. Throws
    /// <see cref="ProcessOwnedException"/> when another owner's lease has not expired and is not
    /// <paramref name="takeOverFrom"/> (same token).
    /// </summary>
    public static ProcessLease Acquire(ProcessId id, ProcessLease? current, string owner, DateTimeOffset now, TimeSpan duration, long newToken, ProcessLease? takeOverFrom = null)
    {
        if (current is not null && current.Owner == owner)
        {
            return current with { ExpiresAt = now + duration };
        }

        if (current is not null && current.ExpiresAt > now && current.FencingToken != takeOverFrom?.FencingToken)
        {
            throw new ProcessOwnedException(id, current.Owner, current.ExpiresAt);
        }

        if (current is not null && newToken <= current.FencingToken)
        {
            newToken = current.FencingToken + 1;
        }

        return new ProcessLease(id, owner, newToken, now + duration);
    }

    /// <summary>Throws <see cref="LeaseLostException"/> unless <paramref name="token"/> is the token of <paramref name="current"/>.</summary>
    public static void EnsureCurrent(ProcessId id, ProcessLease? current, long token)
    {
        if (current is null || current.FencingToken != token)
        {
            throw new LeaseLostException(id, token, current?.Owner);
        }
    }
}
