using System;

namespace Processes.PostgreSQL;

/// <summary>
/// A <see cref="PostgresCheckpointStore"/> operation failed because of the database rather than
/// its arguments: the server was unreachable or restarting, the connection dropped, the
/// credentials or permissions were refused, or a statement failed. <see cref="IsTransient"/> says
/// whether trying again later can succeed; the Npgsql exception is the
/// <see cref="Exception.InnerException"/>. The message names the server and database, never the
/// password.
/// </summary>
/// <remarks>
/// Every write is one transaction: a failure leaves the database as it was or with the whole
/// write. A connection lost while the commit was on its way (rare) leaves it unknown which; every
/// write of the store can be repeated safely (a repeated save stores the same checkpoint again).
/// </remarks>
public sealed class PostgresCheckpointStoreException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public PostgresCheckpointStoreException(string endpoint, string message, bool isTransient, Exception? innerException = null)
        : base($"The PostgreSQL checkpoint store at {endpoint} failed: {message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        IsTransient = isTransient;
    }

    /// <summary>The server and database, as <c>host:port/database schema.prefix</c>.</summary>
    public string Endpoint { get; }

    /// <summary>True when the failure may pass (server down or restarting, connection lost, deadlock): the same call can succeed later.</summary>
    public bool IsTransient { get; }
}
