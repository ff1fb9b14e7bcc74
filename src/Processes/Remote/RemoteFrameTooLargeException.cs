namespace Processes.Remote;

/// <summary>
/// A request (or reply) does not fit in one frame of the connection's <c>MaxFrameBytes</c>. The
/// client finds out while serializing, as soon as the frame would pass the limit, and sends
/// nothing: the connection stays usable. Raise the limit on both ends, or pass less data (a path
/// or an id instead of the bytes).
/// </summary>
public sealed class RemoteFrameTooLargeException : RemoteProcessException
{
    /// <summary>Creates the exception.</summary>
    public RemoteFrameTooLargeException(string? processName, int maxFrameBytes, long reachedBytes)
        : base(processName is null
            ? $"A frame does not fit: serializing it reached {reachedBytes} bytes, over the maximum of {maxFrameBytes} bytes (MaxFrameBytes)."
            : $"The request for process '{processName}' does not fit in a frame: serializing it reached {reachedBytes} bytes, over the maximum of {maxFrameBytes} bytes (MaxFrameBytes).")
    {
        ProcessName = processName;
        MaxFrameBytes = maxFrameBytes;
        ReachedBytes = reachedBytes;
    }

    /// <summary>The process the request launched, or null for a request that names none.</summary>
    public string? ProcessName { get; }

    /// <summary>The frame limit, in bytes.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>The frame size serializing had reached when it stopped (the whole request is at least this large).</summary>
    public long ReachedBytes { get; }
}
