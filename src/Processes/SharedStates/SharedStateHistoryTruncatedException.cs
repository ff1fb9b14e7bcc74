namespace Processes;

/// <summary>
/// A buffered watch asked for the changes after a version the bounded change history no longer
/// holds (<see cref="SharedStateOptions.HistoryLimit"/>, or a restart, which keeps only the
/// current version): some changes would be missed. Read the state again
/// (<see cref="ISharedStateClient.GetAsync{TState}"/>) and watch after its version, or watch live.
/// </summary>
public sealed class SharedStateHistoryTruncatedException : ProcessException
{
    /// <summary>Creates the exception.</summary>
    public SharedStateHistoryTruncatedException(string stateName, string key, long afterVersion, long oldestAfterVersion)
        : base($"The change history of shared state '{stateName}' key '{key}' starts after version {oldestAfterVersion}; the changes after version {afterVersion} up to it are gone.")
    {
        StateName = stateName;
        Key = key;
        AfterVersion = afterVersion;
        OldestAfterVersion = oldestAfterVersion;
    }

    /// <summary>The state's stored name.</summary>
    public string StateName { get; }

    /// <summary>The state's key.</summary>
    public string Key { get; }

    /// <summary>The version the watch asked to continue after.</summary>
    public long AfterVersion { get; }

    /// <summary>The oldest version a buffered watch can still continue after without a gap.</summary>
    public long OldestAfterVersion { get; }
}
