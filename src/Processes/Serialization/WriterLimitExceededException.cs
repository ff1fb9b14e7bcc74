using System;

namespace Processes.Serialization;

/// <summary>
/// A write would take a <see cref="ProcessWriter"/> past the length it was limited to. Internal:
/// whoever set the limit (the remote client, a frame channel) turns it into its own error.
/// </summary>
internal sealed class WriterLimitExceededException : Exception
{
    public WriterLimitExceededException(int maxLength, long requiredLength)
        : base($"Writing needs at least {requiredLength} bytes; the limit is {maxLength}.")
    {
        MaxLength = maxLength;
        RequiredLength = requiredLength;
    }

    /// <summary>The limit the writer was given.</summary>
    public int MaxLength { get; }

    /// <summary>The length the failed write would have reached (a lower bound of the whole value's size).</summary>
    public long RequiredLength { get; }
}
