using System;

namespace Processes;

/// <summary>No matching change of a shared state arrived within the watch's <see cref="SharedStateWatchOptions.Timeout"/>.</summary>
public sealed class SharedStateWatchTimeoutException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public SharedStateWatchTimeoutException(string stateName, string key, long afterVersion, TimeSpan timeout)
        : base($"No matching change of shared state '{stateName}' key '{key}' after version {afterVersion} within {timeout}.")
    {
        StateName = stateName;
        Key = key;
        AfterVersion = afterVersion;
        Timeout = timeout;
    }

    /// <summary>The state's stored name.</summary>
    public string StateName { get; }

    /// <summary>The state's key.</summary>
    public string Key { get; }

    /// <summary>The version the watch waited after (the last one it had seen when it gave up).</summary>
    public long AfterVersion { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
