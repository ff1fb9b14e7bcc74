namespace Processes;

/// <summary>
/// A shared state store refused a save because its stored version is not the one the save
/// follows: another owner wrote the state (stores fence writers by version). The update is not
/// applied.
/// </summary>
public sealed class SharedStateConflictException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public SharedStateConflictException(string stateName, string key, long expectedVersion, long storedVersion)
        : base($"Shared state '{stateName}' key '{key}' is at version {storedVersion} in the store, not {expectedVersion}: another owner wrote it.")
    {
        StateName = stateName;
        Key = key;
        ExpectedVersion = expectedVersion;
        StoredVersion = storedVersion;
    }

    /// <summary>The state's stored name.</summary>
    public string StateName { get; }

    /// <summary>The state's key.</summary>
    public string Key { get; }

    /// <summary>The version the save expected to follow.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version the store holds.</summary>
    public long StoredVersion { get; }
}
