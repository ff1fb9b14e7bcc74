using System;

namespace Processes.PostgreSQL;

/// <summary>
/// A <see cref="PostgresSharedStateStore"/> operation failed because of the database rather than
/// its arguments: the server was unreachable or restarting, the connection dropped, the
/// credentials or permissions were refused, or a statement failed. The message names the
/// endpoint, the state and key, and the table; <see cref="IsTransient"/> says whether trying again
/// later can succeed; the Npgsql exception is the <see cref="Exception.InnerException"/>.
/// </summary>
/// <remarks>
/// Every write is one statement: a failure leaves the database as it was or with the whole write.
/// A refused save (stale version or lease) is never this exception but
/// <see cref="SharedStateConflictException"/> or <see cref="SharedStateOwnedException"/>.
/// </remarks>
public sealed class PostgresSharedStateStoreException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The server, database, schema and prefix.</param>
    /// <param name="stateName">The state's stored name, or null for an operation of no one state (opening).</param>
    /// <param name="key">The state's key, or null.</param>
    /// <param name="table">The table the operation used.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="isTransient">Whether the same call can succeed later.</param>
    /// <param name="innerException">The Npgsql exception.</param>
    public PostgresSharedStateStoreException(string endpoint, string? stateName, string? key, string table, string message, bool isTransient, Exception? innerException = null)
        : base(
            $"The PostgreSQL shared-state store at {endpoint} failed"
            + (stateName is null ? "" : $" for state '{stateName}' key '{key}'")
            + $" (table {table}): {message}",
            innerException)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(table);
        Endpoint = endpoint;
        StateName = stateName;
        Key = key;
        Table = table;
        IsTransient = isTransient;
    }

    /// <summary>The server and database, as <c>host:port/database, schema …</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The state's stored name, or null when the failure concerned no one state.</summary>
    public string? StateName { get; }

    /// <summary>The state's key, or null when the failure concerned no one state.</summary>
    public string? Key { get; }

    /// <summary>The schema-qualified table the failed operation used.</summary>
    public string Table { get; }

    /// <summary>True when the failure may pass (server down or restarting, connection lost, deadlock): the same call can succeed later.</summary>
    public bool IsTransient { get; }
}
