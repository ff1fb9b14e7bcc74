namespace Processes.Remote;

/// <summary>
/// A frame broke the protocol: a length out of bounds, a truncated frame, an unknown version,
/// type or flag, or a payload that does not parse. The connection that carried it is closed;
/// other connections are not affected.
/// </summary>
public sealed class RemoteProtocolException : RemoteProcessException
{
    /// <summary>Creates the exception.</summary>
    public RemoteProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the parsing error that revealed it.</summary>
    public RemoteProtocolException(string message, System.Exception? innerException)
        : base(message, innerException)
    {
    }
}
