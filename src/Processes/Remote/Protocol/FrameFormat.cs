using Processes.Serialization;

namespace Processes.Remote.Protocol;

/// <summary>
/// The frame layout (docs/remote.md): <c>int32 length</c> (of everything after it) · <c>byte version</c>
/// · <c>byte type</c> · <c>byte flags</c> · <c>int64 correlation id</c> · payload. Little-endian.
/// </summary>
internal static class FrameFormat
{
    /// <summary>The protocol version this build speaks; a frame with another is malformed.</summary>
    public const byte Version = 1;

    /// <summary>The frame's length prefix, which its length does not count.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>Version, type, flags and correlation id.</summary>
    public const int HeaderSize = 1 + 1 + 1 + 8;

    /// <summary>The default largest frame either side accepts: 16 MiB.</summary>
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    /// <summary>The largest frame accepted before the client is authenticated: a proof needs far less, and a stranger gets no big buffers.</summary>
    public const int MaxHandshakeFrameBytes = 256;

    /// <summary>The smallest maximum a caller may configure: room for a header and a small payload.</summary>
    public const int MinimumMaxFrameBytes = 1024;

    /// <summary>Starts a frame in <paramref name="writer"/>; returns the mark for <see cref="End"/>.</summary>
    public static int Begin(ProcessWriter writer, FrameType type, FrameFlags flags, long correlationId)
    {
        var mark = writer.BeginLengthPrefixed();
        writer.WriteByte(Version);
        writer.WriteByte((byte)type);
        writer.WriteByte((byte)flags);
        writer.WriteInt64(correlationId);
        return mark;
    }

    /// <summary>
    /// Limits <paramref name="writer"/>, which holds a frame from its length prefix on, to a frame
    /// of <paramref name="maxFrameBytes"/>: serializing stops as soon as the frame would pass it.
    /// </summary>
    public static void Limit(ProcessWriter writer, int maxFrameBytes) => writer.LimitLength(LengthPrefixBytes + maxFrameBytes);

    /// <summary>The error for a frame writer that hit its <see cref="Limit"/>, naming the process when there is one.</summary>
    public static RemoteFrameTooLargeException TooLarge(WriterLimitExceededException exception, string? processName) =>
        new(processName, exception.MaxLength - LengthPrefixBytes, exception.RequiredLength - LengthPrefixBytes);

    /// <summary>Completes a frame by writing its length prefix.</summary>
    public static void End(ProcessWriter writer, int mark) => writer.EndLengthPrefixed(mark);
}
