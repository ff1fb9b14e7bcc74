namespace Processes.Remote;

/// <summary>
/// The worker refused the connection: it requires a shared secret and the client sent none or
/// a wrong proof (or the client could not verify the worker). The worker logs every refusal.
/// </summary>
public sealed class RemoteAuthenticationException : RemoteProcessException
{
    /// <summary>Creates the exception.</summary>
    public RemoteAuthenticationException(string message)
        : base(message)
    {
    }
}
