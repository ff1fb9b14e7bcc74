using System;

namespace Processes.RabbitMQ;

/// <summary>
/// The broker could not be reached, or the connection was lost while a call was waiting for its
/// answer. A call that fails with it may or may not have taken effect: a launch may have been
/// queued (launch with a <see cref="LaunchOptions.Id"/> of your own, then look it up by id).
/// </summary>
public sealed class RabbitMqConnectionException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public RabbitMqConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public RabbitMqConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
