namespace Processes.Remote;

/// <summary>
/// The worker refused the connection because it is at a connection limit: it already serves
/// <see cref="ProcessWorkerOptions.MaxConnections"/> clients, or more than
/// <see cref="ProcessWorkerOptions.MaxPendingHandshakes"/> connections were in the handshake at
/// once and this one had waited longest. Nothing is wrong with the client; try again later.
/// </summary>
public sealed class RemoteWorkerBusyException : RemoteProcessException
{
    /// <summary>Creates the exception.</summary>
    public RemoteWorkerBusyException(string message)
        : base(message)
    {
    }
}
