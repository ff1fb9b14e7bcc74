using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using Npgsql;

namespace Processes.PostgreSQL;

/// <summary>
/// What the PostgreSQL stores share about reaching the database: parsing the connection string,
/// naming the endpoint without the password, building the AOT-compatible data source, and telling
/// transient failures (worth a retry) from the rest. One home, so the checkpoint store and the
/// shared-state store judge a failure alike.
/// </summary>
internal static class PostgresConnections
{
    /// <summary>Parses <paramref name="connectionString"/>, requires a host and names the application when the string does not.</summary>
    /// <exception cref="ArgumentException">The string is malformed or names no host.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArgumentException("The PostgreSQL connection string is not valid: " + error.Message, nameof(connectionString), error);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string names no Host (e.g. \"Host=db.example;Database=app;Username=app;Password=…\").", nameof(connectionString));
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "Processes.Sdk";
        }

        return builder;
    }

    /// <summary>The store's place for messages: <c>host:port/database</c>, the schema and the prefix; never the password.</summary>
    public static string Endpoint(NpgsqlConnectionStringBuilder builder, string schema, string tablePrefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}, schema {schema}")
        + (tablePrefix.Length > 0 ? ", table prefix " + tablePrefix : "");

    /// <summary>A slim (AOT-compatible) data source with arrays, the only optional type mapping the stores use.</summary>
    /// <exception cref="ArgumentException">The connection string is not valid.</exception>
    public static NpgsqlDataSource BuildDataSource(NpgsqlConnectionStringBuilder builder)
    {
        try
        {
            return new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).EnableArrays().Build();
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException("The PostgreSQL connection string is not valid: " + error.Message, "connectionString", error);
        }
    }

    /// <summary>True for a failure of the database or the way to it (not of the caller's arguments).</summary>
    public static bool IsDatabaseFailure(Exception error) => error is NpgsqlException or IOException or SocketException or TimeoutException;

    /// <summary>True when the same call may succeed later.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        // Shutting down, crashed, starting up; serialization failure; deadlock; connection errors (class 08).
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01"
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        _ => true,
    };

    /// <summary>What went wrong, for a store exception's message.</summary>
    public static string Describe(Exception error, bool outcomeUnknown)
    {
        var what = error switch
        {
            PostgresException postgres => $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})",
            _ when IsTransient(error) => "the server could not be reached or the connection was lost: " + error.Message,
            _ => error.Message,
        };

        return outcomeUnknown
            ? what + "; the connection was lost while committing, so the write may or may not have been stored"
            : what;
    }
}
