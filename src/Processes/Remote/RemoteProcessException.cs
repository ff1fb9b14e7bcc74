using System;

namespace Processes.Remote;

/// <summary>
/// A remote call failed for a reason that is not one of the process outcomes: the connection
/// broke or was refused, the peer sent a malformed frame, or the worker failed with an exception
/// the protocol has no type for (<see cref="RemoteError"/> then keeps its type, message and stack).
/// </summary>
public class RemoteProcessException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public RemoteProcessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public RemoteProcessException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an error the worker reported as data.</summary>
    public RemoteProcessException(ProcessErrorInfo remoteError)
        : base($"The worker failed: {remoteError?.TypeName}: {remoteError?.Message}")
    {
        RemoteError = remoteError;
    }

    /// <summary>The worker-side exception (type name, message, stack), when the worker reported one.</summary>
    public ProcessErrorInfo? RemoteError { get; }
}
